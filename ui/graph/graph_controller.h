// SPDX-License-Identifier: MIT
#pragma once
// Owns what the graph view shows: which module boxes are expanded, the orientation, and
// the layout jobs. Everything that grows with the model (the fold tree, measuring the
// items, the layouts) runs off the GUI thread; when several layouts are requested
// quickly, the latest wins and the scene is rebuilt once.
#include "graph/fold_tree.h"
#include "graph/hierarchical_layout.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QSet>

#include <memory>

namespace prunescope::ui {

class GraphScene;

class GraphController : public QObject {
    Q_OBJECT
public:
    explicit GraphController(GraphScene* scene, QObject* parent = nullptr);
    ~GraphController() override;

    void setReport(std::shared_ptr<const Report> report); // default expansion, then layout
    // The same graph analysed again (another prune type): new looks, same folding and layout.
    void updateReport(std::shared_ptr<const Report> report);
    const FoldTree* foldTree() const { return m_tree.get(); }
    const QSet<QString>& expanded() const { return m_expanded; }
    bool isExpanded(const QString& module) const { return m_expanded.contains(module); }
    bool leftToRight() const { return m_leftToRight; }
    bool isLayingOut() const { return m_watcher.isRunning() || m_preparing; }

    void toggle(const QString& module);
    void setExpanded(const QString& module, bool expanded);
    void expandAllBelow(const QString& module);
    void collapseAll();
    void setLeftToRight(bool leftToRight);
    // Expands the boxes hiding a node so that it gets an item of its own.
    void reveal(int nodeId);
    // Every box up to `depth` expanded (1: the top level's boxes), the rest collapsed.
    void expandToDepth(int depth);
    // Collapses the deepest expanded levels until the graph fits in `limit` (scene
    // units), down to the top level; off the GUI thread, then laid out as usual.
    void collapseToFit(const QSizeF& limit);

    static constexpr int kDefaultBudget = 300; // visible items after opening a model

    // Of the last layout applied: off the GUI thread (layout and edge paths), and on it
    // (the scene's items). For the benchmarks.
    struct Timings {
        double computeMs = 0;
        double sceneMs = 0;
        double computeCpuMs = 0; // the layout thread's CPU: the machine's other load left out
    };
    Timings lastTimings() const { return m_timings; }

signals:
    void layoutStarted();
    void layoutApplied(double milliseconds, int boxesLaidOut);

private:
    struct Job {
        quint64 generation = 0;
        quint64 report = 0; // the report it was prepared for
        std::shared_ptr<const FoldTree> tree; // set by a job that prepared a new report
        std::shared_ptr<HierarchicalLayout> layout;
        QSet<QString> expanded;
        GraphGeometry geometry;
        double computeMs = 0;
        double computeCpuMs = 0;
    };
    void relayout();
    void applyResult();
    void onGeometryApplied();

    GraphScene* m_scene;
    std::shared_ptr<const Report> m_report;
    std::shared_ptr<const FoldTree> m_tree;
    std::shared_ptr<HierarchicalLayout> m_layout;
    QSet<QString> m_expanded;
    bool m_leftToRight = false;
    QFutureWatcher<Job> m_watcher;
    QFutureWatcher<QSet<QString>> m_fitWatcher;
    std::shared_ptr<HierarchicalLayout> m_fitLayout; // the layout the running fit measures
    bool m_pending = false;
    bool m_preparing = false; // a new report's tree and layout are being prepared
    quint64 m_generation = 0; // of the latest job started
    quint64 m_reportGeneration = 0; // of the report shown
    QElapsedTimer m_clock;
    Timings m_timings;
    // The geometry the scene is adding the items of (applyResult to geometryApplied).
    bool m_applying = false;
    int m_applyingBoxes = 0;
    QElapsedTimer m_sceneClock;
};

} // namespace prunescope::ui
