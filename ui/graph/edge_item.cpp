// SPDX-License-Identifier: MIT
#include "graph/edge_item.h"

#include "graph/detail_level.h"
#include "graph/far_style.h"
#include "graph/graph_colors.h"
#include "graph/item_state.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPalette>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

namespace prunescope::ui {

EdgeItem::EdgeItem(QString from, QString to, const QPainterPath& path, QVector<int> values)
    : m_from(std::move(from))
    , m_to(std::move(to))
    , m_values(std::move(values))
{
    setPath(path);
    setZValue(1);
    setAcceptHoverEvents(true);
    // Arrowhead along the last segment's direction.
    const QPointF tip = path.pointAtPercent(1.0);
    const double angle = qDegreesToRadians(path.angleAtPercent(0.999));
    const QPointF back(std::cos(angle), -std::sin(angle));
    const QPointF side(-back.y(), back.x());
    m_arrow = QPolygonF { tip, tip - back * 8 + side * 4, tip - back * 8 - side * 4 };
    // QGraphicsPathItem would find its bounds by stroking shape() (the 8-unit hover
    // outline) for every edge: with 12,000 edges that was the slowest part of showing
    // an expanded model. The control points, widened by that outline, bound it too.
    // Drawn as polylines, an edge needs none of the vector form QPainter builds and keeps
    // on a path's first draw: at far zoom every edge is drawn, and that first draw of
    // 12,000 was most of a repaint. (The layout flattens curves, so this is its points.)
    m_lines = path.toSubpathPolygons();
    m_bounds = path.controlPointRect().adjusted(-4, -4, 4, 4) | m_arrow.boundingRect().adjusted(-2, -2, 2, 2);
}

bool EdgeItem::setEmphasis(int level, bool repaint) { return setDrawnState(*this, m_emphasis, level, repaint); }

QRectF EdgeItem::boundingRect() const { return m_bounds; }

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8); // easy to hover
    return stroker.createStroke(path());
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    painter->setOpacity(m_emphasis < 0 ? kDimmedEdgeOpacity : 1.0); // see NodeItem::paint
    const QPalette palette = QApplication::palette();
    if (option->levelOfDetailFromTransform(painter->worldTransform()) < kLevelForOutline) {
        // A hairline without its arrowhead (a pixel or two at this zoom), in the style's
        // own pens (see FarStyle).
        const FarStyle& far = FarStyle::of(palette);
        if (painter->testRenderHint(QPainter::Antialiasing))
            painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(far.edgePen(m_emphasis));
        painter->setBrush(Qt::NoBrush);
        for (const QPolygonF& line : m_lines)
            painter->drawPolyline(line);
        return;
    }
    const QColor color = m_emphasis > 0 ? palette.color(QPalette::Highlight) : edgeColor(palette);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(color, m_emphasis > 0 ? 2.2 : 1.2));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(m_arrow);
}

} // namespace prunescope::ui
