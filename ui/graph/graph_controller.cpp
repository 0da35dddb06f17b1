#include "graph/graph_controller.h"

#include "graph/box_item.h"
#include "graph/graph_scene.h"
#include "graph/node_item.h"

#include <QtConcurrent/QtConcurrentRun>

namespace prunescope::ui {

GraphController::GraphController(GraphScene* scene, QObject* parent)
    : QObject(parent)
    , m_scene(scene)
{
    connect(&m_watcher, &QFutureWatcher<Job>::finished, this, &GraphController::applyResult);
    connect(scene, &GraphScene::toggleRequested, this, &GraphController::toggle);
    connect(&m_fitWatcher, &QFutureWatcher<QSet<QString>>::finished, this, [this] {
        if (m_fitLayout != m_layout)
            return; // chosen for a model, or an orientation, no longer shown
        m_expanded = m_fitWatcher.result();
        relayout();
    });
}

GraphController::~GraphController()
{
    m_fitWatcher.waitForFinished();
    m_watcher.waitForFinished();
}

void GraphController::setReport(std::shared_ptr<const Report> report)
{
    m_watcher.waitForFinished();
    m_report = std::move(report);
    m_scene->setReport(m_report);
    m_tree = std::make_shared<FoldTree>(*m_report);
    // Item sizes depend on fonts: measured here, on the GUI thread.
    LayoutSizes sizes;
    for (const auto& node : m_report->nodes())
        sizes.nodes.insert(node.id, NodeItem::preferredSize(m_scene->nodeLook(node)));
    for (const auto& module : m_report->modules())
        if (m_tree->isBox(module.path) && !module.path.isEmpty()) {
            const BoxLook look = m_scene->boxLook(module.path);
            sizes.collapsed.insert(module.path, BoxItem::collapsedSize(look));
            sizes.titles.insert(module.path, BoxItem::titleSize(look));
        }
    m_layout = std::make_shared<HierarchicalLayout>(m_report, m_tree, std::move(sizes));
    m_expanded = m_tree->defaultExpansion(kDefaultBudget);
    relayout();
}

void GraphController::updateReport(std::shared_ptr<const Report> report)
{
    m_watcher.waitForFinished();
    m_report = std::move(report);
    m_scene->setReport(m_report);
    relayout();
}

void GraphController::toggle(const QString& module) { setExpanded(module, !m_expanded.contains(module)); }

void GraphController::setExpanded(const QString& module, bool expanded)
{
    if (!m_tree || module.isEmpty() || !m_tree->isBox(module) || m_expanded.contains(module) == expanded)
        return;
    if (expanded)
        m_expanded.insert(module);
    else
        m_expanded.remove(module);
    relayout();
}

void GraphController::expandAllBelow(const QString& module)
{
    if (!m_tree)
        return;
    for (const auto& box : m_tree->boxesBelow(module))
        if (!box.isEmpty())
            m_expanded.insert(box);
    relayout();
}

void GraphController::collapseAll()
{
    m_expanded.clear();
    relayout();
}

void GraphController::setLeftToRight(bool leftToRight)
{
    if (leftToRight == m_leftToRight)
        return;
    m_leftToRight = leftToRight;
    m_fitLayout.reset(); // a fit measured in the other orientation no longer applies
    relayout();
}

void GraphController::reveal(int nodeId)
{
    if (!m_tree || nodeId < 0 || nodeId >= m_report->nodes().size())
        return;
    bool changed = false;
    for (const auto& box : m_tree->boxesOf(nodeId))
        if (!box.isEmpty() && !m_expanded.contains(box)) {
            m_expanded.insert(box);
            changed = true;
        }
    if (changed)
        relayout();
}

void GraphController::expandToDepth(int depth)
{
    if (!m_tree)
        return;
    m_expanded.clear();
    for (const auto& box : m_tree->boxesBelow(QString()))
        if (!box.isEmpty() && m_tree->depthOf(box) <= depth)
            m_expanded.insert(box);
    relayout();
}

void GraphController::collapseToFit(const QSizeF& limit)
{
    if (!m_layout || m_fitWatcher.isRunning())
        return;
    auto layout = m_layout;
    auto tree = m_tree;
    const QSet<QString> expanded = m_expanded;
    const bool leftToRight = m_leftToRight;
    m_fitLayout = m_layout;
    m_fitWatcher.setFuture(QtConcurrent::run([layout, tree, expanded, leftToRight, limit] {
        int deepest = 0;
        for (const auto& box : expanded)
            deepest = std::max(deepest, tree->depthOf(box));
        QSet<QString> candidate;
        for (int depth = deepest; depth >= 0; --depth) {
            candidate.clear();
            for (const auto& box : expanded)
                if (tree->depthOf(box) <= depth)
                    candidate.insert(box);
            const QSizeF size = layout->sizeOf(candidate, leftToRight);
            if (size.width() <= limit.width() && size.height() <= limit.height())
                break;
        }
        return candidate; // the top level alone when nothing fits
    }));
}

void GraphController::relayout()
{
    if (!m_layout)
        return;
    if (m_watcher.isRunning()) {
        m_pending = true; // the running job's result is stale; start again when it ends
        return;
    }
    m_clock.start();
    emit layoutStarted();
    auto layout = m_layout;
    const QSet<QString> expanded = m_expanded;
    const bool leftToRight = m_leftToRight;
    m_watcher.setFuture(QtConcurrent::run([layout, expanded, leftToRight] {
        QElapsedTimer clock;
        clock.start();
        Job job { layout->compute(expanded, leftToRight), 0 };
        job.computeMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        return job;
    }));
}

void GraphController::applyResult()
{
    if (m_pending) {
        m_pending = false;
        relayout();
        return;
    }
    const Job job = m_watcher.result();
    const GraphGeometry& geometry = job.geometry;
    QElapsedTimer clock;
    clock.start();
    m_scene->setGeometry(geometry);
    m_timings = { job.computeMs, static_cast<double>(clock.nsecsElapsed()) / 1e6 };
    emit layoutApplied(static_cast<double>(m_clock.nsecsElapsed()) / 1e6, geometry.laidOutBoxes);
}

} // namespace prunescope::ui
