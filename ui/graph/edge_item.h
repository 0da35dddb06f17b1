// SPDX-License-Identifier: MIT
#pragma once
// A data edge with an arrowhead; hovering shows the tensor shapes it carries (the scene
// writes that tooltip when asked, see GraphScene::helpEvent).
#include <QGraphicsPathItem>

namespace prunescope::ui {

class EdgeItem : public QGraphicsPathItem {
public:
    enum { Type = UserType + 3 };
    int type() const override { return Type; }
    EdgeItem(QString from, QString to, const QPainterPath& path, QVector<int> values);
    const QString& from() const { return m_from; }
    const QVector<int>& values() const { return m_values; } // the tensors it carries
    const QString& to() const { return m_to; }
    // -1 dimmed, 0 normal, 1 highlighted; as NodeItem::setDimmed, `repaint` false leaves
    // the repaint to the scene, and the result says whether the level changed.
    bool setEmphasis(int level, bool repaint = true);
    int emphasis() const { return m_emphasis; }
    const QList<QPolygonF>& lines() const { return m_lines; } // the path as polylines

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QString m_from, m_to;
    QVector<int> m_values;
    QPolygonF m_arrow;
    QList<QPolygonF> m_lines; // the path as polylines: what a far zoom draws
    QRectF m_bounds;
    int m_emphasis = 0;
};

} // namespace prunescope::ui
