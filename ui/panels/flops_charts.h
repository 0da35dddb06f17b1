#pragma once
// Charts of the FLOPs table's visible rows (they follow its filter): the top layers by
// FLOPs (before / NNI-masked / after speedup when masks are loaded), FLOPs by module
// type as a donut, and cumulative FLOPs along the network.
#include <QTabWidget>

class QAbstractItemModel;
class QChart;

namespace prunescope::ui {

class FlopsCharts : public QTabWidget {
    Q_OBJECT
public:
    explicit FlopsCharts(QAbstractItemModel* rows, QWidget* parent = nullptr);

    void refresh();
    int barCount() const { return m_bars; } // bars per data set in the top-layers chart
    int barSets() const { return m_barSets; }
    int sliceCount() const { return m_slices; }
    static constexpr int kTopLayers = 8; // with three bars each, what a dock shows legibly

private:
    QAbstractItemModel* m_rows;
    QChart* m_top;
    QChart* m_types;
    QChart* m_cumulative;
    int m_bars = 0;
    int m_barSets = 0;
    int m_slices = 0;
};

} // namespace prunescope::ui
