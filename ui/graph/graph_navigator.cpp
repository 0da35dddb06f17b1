// SPDX-License-Identifier: MIT
#include "graph/graph_navigator.h"

#include "graph/box_item.h"
#include "graph/graph_controller.h"
#include "graph/graph_scene.h"
#include "graph/graph_view.h"
#include "graph/node_item.h"

#include <QGraphicsItem>

namespace prunescope::ui {

namespace {

constexpr double kMargin = 40; // scene units around what is framed (GraphView::frame's 20 a side)

} // namespace

GraphNavigator::GraphNavigator(GraphView* view, GraphScene* scene, GraphController* graph, QObject* parent)
    : QObject(parent)
    , m_view(view)
    , m_scene(scene)
    , m_graph(graph)
{
    connect(view, &GraphView::canvasClicked, this, &GraphNavigator::clearHighlight);
}

void GraphNavigator::fit()
{
    const QRectF bounds = m_scene->contentRect();
    const QSizeF room = QSizeF(m_view->viewport()->size()) / kReadableZoom - QSizeF(kMargin, kMargin);
    if (bounds.isEmpty() || (bounds.width() <= room.width() && bounds.height() <= room.height())
        || m_graph->expanded().isEmpty()) {
        fitOrShowStart();
        return;
    }
    // Too big to read whole: fold the deepest levels until it fits (or the top level is
    // all that is left), then fit that.
    connect(m_graph, &GraphController::layoutApplied, this, &GraphNavigator::fitOrShowStart, Qt::SingleShotConnection);
    m_graph->collapseToFit(room);
}

void GraphNavigator::fitOrShowStart()
{
    m_view->fitAll();
    if (m_view->zoom() < kReadableZoom)
        m_view->showStart(m_graph->leftToRight()); // the top of it, readable
    emit fitted();
}

void GraphNavigator::zoomToSelection()
{
    QRectF rect;
    // The items' own boxes: their bounding rectangles include badges and outlines.
    for (QGraphicsItem* item : m_scene->selectedItems()) {
        if (const auto* node = qgraphicsitem_cast<NodeItem*>(item))
            rect |= node->rect();
        else if (const auto* box = qgraphicsitem_cast<BoxItem*>(item))
            rect |= box->rect();
        else
            rect |= item->sceneBoundingRect();
    }
    if (rect.isEmpty())
        rect = m_scene->highlightRect();
    m_view->frame(rect);
}

void GraphNavigator::frameHighlight() { m_view->frame(m_scene->highlightRect()); }

void GraphNavigator::actualSize() { m_view->actualSize(); }

void GraphNavigator::expandToDepth(int depth) { m_graph->expandToDepth(depth); }

void GraphNavigator::clearHighlight() { m_scene->clearHighlight(); }

} // namespace prunescope::ui
