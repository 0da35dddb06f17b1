// SPDX-License-Identifier: MIT
#pragma once
// Charts of the FLOPs table's visible rows (they follow its filter): the top layers by
// FLOPs (before / NNI-masked / after speedup when masks are loaded), FLOPs by module
// type as a donut, and cumulative FLOPs along the network. Value axes read 0, 50M, 100M;
// layer names are elided in the middle (the tooltip has the whole name); a click on a
// bar chooses its layer.
#include <QTabWidget>
#include <QVector>

class QAbstractItemModel;
class QChart;
class QChartView;

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
    static constexpr int kNameWidth = 150; // pixels of a layer name beside its bar

    QChart* topChart() const { return m_top; }
    QChartView* topView() const { return m_topView; }
    QChart* cumulativeChart() const { return m_cumulative; }
    // The top-layers chart's bars, bottom to top: the layer's node, full and shown names.
    int barNode(int bar) const { return bar >= 0 && bar < m_barNodes.size() ? m_barNodes[bar] : -1; }
    QString barName(int bar) const { return bar >= 0 && bar < m_barNames.size() ? m_barNames[bar] : QString(); }
    QStringList barLabels() const { return m_barLabels; }

signals:
    void layerClicked(int node);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void styleChart(QChart* chart) const;

    QAbstractItemModel* m_rows;
    QChart* m_top;
    QChart* m_types;
    QChart* m_cumulative;
    QChartView* m_topView = nullptr;
    QVector<int> m_barNodes;
    QStringList m_barNames;
    QStringList m_barLabels;
    int m_bars = 0;
    int m_barSets = 0;
    int m_slices = 0;
};

} // namespace prunescope::ui
