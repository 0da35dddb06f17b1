// SPDX-License-Identifier: MIT
#include "graph/graph_view.h"

#include "graph/box_item.h"
#include "graph/graph_scene.h"
#include "graph/node_item.h"

#include <QGestureEvent>
#include <QKeyEvent>
#include <QNativeGestureEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace prunescope::ui {

namespace {

// Far beyond any useful zoom, only to keep the transform's numbers finite.
constexpr double kMinZoom = 1e-4;
constexpr double kMaxZoom = 1e3;

} // namespace

GraphView::GraphView(GraphScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    // Every item sets the pen, brush, font and antialiasing it draws with, so the view need
    // not save and restore the painter around each: at far zoom, with thousands of items
    // drawn as plain rectangles, that was a good part of a repaint.
    setOptimizationFlag(QGraphicsView::DontSavePainterState);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->grabGesture(Qt::PinchGesture);
}

void GraphView::fitAll()
{
    if (auto* graph = qobject_cast<GraphScene*>(scene()))
        frame(graph->contentRect());
    else if (scene())
        frame(scene()->itemsBoundingRect());
}

void GraphView::frame(const QRectF& rect, double maxZoom)
{
    if (rect.isEmpty())
        return;
    const QRectF area = rect.adjusted(-20, -20, 20, 20);
    fitInView(area, Qt::KeepAspectRatio);
    // A small model, or one node, is not blown up beyond its natural size.
    if (zoom() > maxZoom) {
        setTransform(QTransform::fromScale(maxZoom, maxZoom));
        centerOn(area.center());
    }
    emit viewportChanged();
}

void GraphView::actualSize()
{
    const QPointF center = mapToScene(viewport()->rect().center());
    setTransform(QTransform());
    centerOn(center);
    emit viewportChanged();
}

void GraphView::mousePressEvent(QMouseEvent* event)
{
    // Empty canvas, or the inside of an expanded frame (not its title bar).
    m_pressAt = event->pos();
    QGraphicsItem* item = itemAt(event->pos());
    auto* box = qgraphicsitem_cast<BoxItem*>(item);
    m_pressOnCanvas = event->button() == Qt::LeftButton
        && (!item
            || (box && box->isExpanded() && !box->titleRect().contains(box->mapFromScene(mapToScene(event->pos())))));
    QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent* event)
{
    QGraphicsView::mouseReleaseEvent(event);
    if (m_pressOnCanvas && (event->pos() - m_pressAt).manhattanLength() < 4)
        emit canvasClicked();
    m_pressOnCanvas = false;
}

void GraphView::showStart(bool leftToRight)
{
    fitAll();
    constexpr double kReadable = 0.6;
    if (zoom() >= kReadable || !scene())
        return;
    setTransform(QTransform::fromScale(0.85, 0.85));
    const QRectF bounds = scene()->itemsBoundingRect();
    const QSizeF visible = QSizeF(viewport()->size()) / 0.85;
    centerOn(leftToRight ? QPointF(bounds.left() + visible.width() / 2 - 20, bounds.center().y())
                         : QPointF(bounds.center().x(), bounds.top() + visible.height() / 2 - 20));
    emit viewportChanged();
}

void GraphView::zoomBy(double factor)
{
    const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    const double applied = target / zoom();
    scale(applied, applied);
    emit viewportChanged();
}

void GraphView::centerOnItemOf(int nodeId)
{
    if (NodeItem* item = m_scene->nodeItem(nodeId)) {
        m_scene->clearSelection();
        item->setSelected(true);
        if (zoom() < 0.6)
            setTransform(QTransform::fromScale(1.0, 1.0));
        centerOn(item);
        emit viewportChanged();
    }
}

void GraphView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0 || (event->modifiers() & Qt::ShiftModifier)) {
        QGraphicsView::wheelEvent(event); // horizontal wheel / shift: scroll
        return;
    }
    zoomBy(std::pow(1.18, steps));
    event->accept();
}

bool GraphView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::NativeGesture) {
        auto* gesture = static_cast<QNativeGestureEvent*>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1.0 + gesture->value());
            return true;
        }
    }
    if (event->type() == QEvent::Gesture) {
        auto* gestures = static_cast<QGestureEvent*>(event);
        if (auto* pinch = static_cast<QPinchGesture*>(gestures->gesture(Qt::PinchGesture))) {
            zoomBy(pinch->scaleFactor());
            return true;
        }
    }
    return QGraphicsView::viewportEvent(event);
}

void GraphView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(1.25); return;
    case Qt::Key_Minus: zoomBy(0.8); return;
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down: moveSelection(event->key()); return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        for (auto* item : m_scene->selectedItems())
            if (auto* box = qgraphicsitem_cast<BoxItem*>(item))
                emit box->toggleRequested(box->module());
        return;
    default: QGraphicsView::keyPressEvent(event);
    }
}

// Moves the selection to the nearest item in the arrow's direction.
void GraphView::moveSelection(int key)
{
    const auto selected = m_scene->selectedItems();
    QGraphicsItem* current = selected.isEmpty() ? nullptr : selected.front();
    const QPointF from = current ? current->sceneBoundingRect().center() : mapToScene(viewport()->rect().center());
    QGraphicsItem* best = nullptr;
    double bestScore = 0;
    for (QGraphicsItem* item : m_scene->items()) {
        if (item == current || !(item->flags() & QGraphicsItem::ItemIsSelectable))
            continue;
        const QPointF d = item->sceneBoundingRect().center() - from;
        double along = 0, across = 0;
        switch (key) {
        case Qt::Key_Left:
            along = -d.x();
            across = std::abs(d.y());
            break;
        case Qt::Key_Right:
            along = d.x();
            across = std::abs(d.y());
            break;
        case Qt::Key_Up:
            along = -d.y();
            across = std::abs(d.x());
            break;
        default:
            along = d.y();
            across = std::abs(d.x());
            break;
        }
        if (along <= 1)
            continue;
        const double score = along + 2 * across;
        if (!best || score < bestScore) {
            best = item;
            bestScore = score;
        }
    }
    if (!best)
        return;
    m_scene->clearSelection();
    best->setSelected(true);
    ensureVisible(best, 40, 40);
    emit selectionMoved();
}

void GraphView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    emit viewportChanged();
}

void GraphView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    emit viewportChanged();
}

} // namespace prunescope::ui
