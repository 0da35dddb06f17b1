// SPDX-License-Identifier: MIT
#pragma once
// Which channels each layer of a dependency set keeps: one row per layer, one cell per
// channel (filled: kept, empty: pruned), and below them the row a fix would give. The
// layers scroll (a set of a residual net at scale has thousands); the fix's row stays
// in view under them, its cells aligned with theirs.
#include <QWidget>

class QScrollArea;
class QFrame;

namespace prunescope::ui {

class ChannelRows;

class ChannelStrip : public QWidget {
    Q_OBJECT
public:
    struct Row {
        QString label;
        QVector<bool> kept; // empty: the layer has no mask (keeps all)
        int channels = 0;
    };
    explicit ChannelStrip(QWidget* parent = nullptr);

    void setRows(QVector<Row> rows, Row result);
    void clear();
    const QVector<Row>& rows() const { return m_rows; }
    const Row& result() const { return m_result; }
    // The layers' rows, in their scroll area; the fix's row, always shown under it.
    QScrollArea* layersArea() const { return m_area; }
    QWidget* resultRow() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QVector<Row> m_rows;
    Row m_result;
    QVector<Row> m_resultRows; // m_result alone, or nothing without a set
    QScrollArea* m_area;
    ChannelRows* m_layers;
    QFrame* m_separator;
    ChannelRows* m_outcome;
};

} // namespace prunescope::ui
