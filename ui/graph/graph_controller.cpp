// SPDX-License-Identifier: MIT
#include "graph/graph_controller.h"

#include "graph/box_item.h"
#include "graph/graph_scene.h"
#include "graph/node_item.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <ctime>

namespace prunescope::ui {

namespace {

// The calling thread's CPU time (the status bar and the GUI bench report a layout's).
double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

} // namespace

GraphController::GraphController(GraphScene* scene, QObject* parent)
    : QObject(parent)
    , m_scene(scene)
{
    connect(&m_watcher, &QFutureWatcher<Job>::finished, this, &GraphController::applyResult);
    connect(scene, &GraphScene::toggleRequested, this, &GraphController::toggle);
    connect(scene, &GraphScene::geometryApplied, this, &GraphController::onGeometryApplied);
    connect(&m_fitWatcher, &QFutureWatcher<QSet<QString>>::finished, this, [this] {
        if (m_fitLayout != m_layout)
            return; // chosen for a model, or an orientation, no longer shown
        m_expanded = m_fitWatcher.result();
        relayout();
    });
}

// A job still running holds its own references; waiting here only keeps it from
// outliving the watchers when the window closes.
GraphController::~GraphController()
{
    m_fitWatcher.waitForFinished();
    m_watcher.waitForFinished();
}

void GraphController::setReport(std::shared_ptr<const Report> report)
{
    m_report = std::move(report);
    ++m_reportGeneration;
    m_scene->setReport(m_report);
    m_tree.reset();
    m_layout.reset();
    m_fitLayout.reset();
    m_expanded.clear();
    m_preparing = true;
    m_pending = false;
    if (m_watcher.isRunning()) {
        m_pending = true; // its result is for the previous report: dropped, then this one starts
        return;
    }
    relayout();
}

void GraphController::updateReport(std::shared_ptr<const Report> report)
{
    m_report = std::move(report);
    m_scene->updateReport(m_report);
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
    if (!m_tree)
        return;
    m_expanded.clear();
    relayout();
}

void GraphController::setLeftToRight(bool leftToRight)
{
    if (leftToRight == m_leftToRight)
        return;
    m_leftToRight = leftToRight;
    m_fitLayout.reset(); // a fit measured in the other orientation no longer applies
    if (m_tree || m_preparing)
        relayout();
}

void GraphController::reveal(int nodeId)
{
    if (!m_tree || nodeId < 0 || static_cast<size_t>(nodeId) >= m_report->nodes().size())
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
    if (!m_report)
        return;
    m_scene->cancelBuild(); // the items still coming belong to the layout this replaces
    if (m_watcher.isRunning()) {
        m_pending = true; // the running job's result is stale; start again when it ends
        return;
    }
    m_clock.start();
    emit layoutStarted();
    const quint64 generation = ++m_generation;
    const bool leftToRight = m_leftToRight;
    if (m_preparing) {
        // A new report: its fold tree, item sizes and default folding, then its layout.
        const std::shared_ptr<const Report> report = m_report;
        const ColorMode mode = m_scene->colorMode();
        const quint64 reportGeneration = m_reportGeneration;
        m_watcher.setFuture(QtConcurrent::run([report, mode, leftToRight, generation, reportGeneration] {
            QElapsedTimer clock;
            clock.start();
            const double cpu = threadCpuMs();
            Job job;
            job.generation = generation;
            job.report = reportGeneration;
            auto tree = std::make_shared<FoldTree>(*report);
            // Item sizes depend on fonts, which may be measured off the GUI thread.
            LayoutSizes sizes;
            const NodeItem::Sizer sizer;
            sizes.nodes.reserve(static_cast<qsizetype>(report->nodes().size()));
            for (const auto& node : report->nodes())
                sizes.nodes.insert(node.id, sizer.size(GraphScene::sizingLook(*report, node)));
            const BoxItem::Sizer boxSizer;
            for (const auto& module : report->modules()) {
                const QString path = qs(module.path);
                if (tree->isBox(path) && !path.isEmpty()) {
                    const BoxLook look = GraphScene::sizingLook(*report, mode, path);
                    sizes.collapsed.insert(path, boxSizer.collapsedSize(look));
                    sizes.titles.insert(path, boxSizer.titleSize(look));
                }
            }
            job.expanded = tree->defaultExpansion(kDefaultBudget);
            job.layout = std::make_shared<HierarchicalLayout>(report, tree, std::move(sizes));
            job.tree = std::move(tree);
            job.geometry = job.layout->compute(job.expanded, leftToRight);
            job.computeMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
            job.computeCpuMs = threadCpuMs() - cpu;
            return job;
        }));
        return;
    }
    auto layout = m_layout;
    const QSet<QString> expanded = m_expanded;
    m_watcher.setFuture(QtConcurrent::run([layout, expanded, leftToRight, generation] {
        QElapsedTimer clock;
        clock.start();
        const double cpu = threadCpuMs();
        Job job;
        job.generation = generation;
        job.expanded = expanded;
        job.geometry = layout->compute(expanded, leftToRight);
        job.computeMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        job.computeCpuMs = threadCpuMs() - cpu;
        return job;
    }));
}

void GraphController::applyResult()
{
    Job job = m_watcher.result();
    // A prepared tree and layout are kept even when the geometry is stale: the next
    // layout starts from them.
    if (job.tree && job.report == m_reportGeneration && m_preparing) {
        m_tree = std::move(job.tree);
        m_layout = std::move(job.layout);
        m_expanded = job.expanded;
        m_preparing = false;
    }
    if (m_pending || job.generation != m_generation) {
        m_pending = false;
        relayout();
        return;
    }
    // The scene may take a few turns to add the items (geometryApplied, below, ends it).
    m_timings = { job.computeMs, 0, job.computeCpuMs };
    m_applyingBoxes = job.geometry.laidOutBoxes;
    m_sceneClock.start();
    m_applying = true;
    m_scene->setGeometry(std::move(job.geometry));
}

void GraphController::onGeometryApplied()
{
    if (!m_applying)
        return;
    m_applying = false;
    m_timings.sceneMs = static_cast<double>(m_sceneClock.nsecsElapsed()) / 1e6;
    emit layoutApplied(static_cast<double>(m_clock.nsecsElapsed()) / 1e6, m_applyingBoxes);
}

} // namespace prunescope::ui
