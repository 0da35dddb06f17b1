// SPDX-License-Identifier: MIT
#pragma once
// The view's navigation commands, between the view, the scene and the folding: Fit
// shows the graph readable (collapsing the deepest levels when the whole would be a
// sliver, never zooming below a readable size), zoom to the selection or to what is
// highlighted, 100 %, expand to a depth, and clearing a highlight.
#include <QObject>

namespace prunescope::ui {

class GraphController;
class GraphScene;
class GraphView;

class GraphNavigator : public QObject {
    Q_OBJECT
public:
    GraphNavigator(GraphView* view, GraphScene* scene, GraphController* graph, QObject* parent = nullptr);

    // The smallest zoom at which node labels are read without effort (about 7 px text).
    static constexpr double kReadableZoom = 0.6;

    void fit();
    void zoomToSelection(); // the selected items, else the highlighted ones
    void frameHighlight(); // after a set or a conflict was chosen
    void actualSize();
    void expandToDepth(int depth);
    void clearHighlight();

signals:
    void fitted(); // fit() is done (it may have waited for a new layout)

private:
    void fitOrShowStart();
    GraphView* m_view;
    GraphScene* m_scene;
    GraphController* m_graph;
};

} // namespace prunescope::ui
