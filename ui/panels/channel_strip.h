// SPDX-License-Identifier: MIT
#pragma once
// Which channels each layer of a dependency set keeps: one row per layer, one cell per
// channel (filled: kept, empty: pruned), and below them the row a fix would give.
#include <QWidget>

namespace prunescope::ui {

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
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QVector<Row> m_rows;
    Row m_result;
};

} // namespace prunescope::ui
