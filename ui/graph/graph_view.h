#pragma once
// The zoomable, pannable view of the graph: wheel or pinch to zoom (under the cursor,
// from a whole-model overview down to a single node), drag to pan, F to fit, arrows to
// walk to neighbouring nodes, Enter to expand or collapse the selected module.
#include <QGraphicsView>

namespace prunescope::ui {

class GraphScene;

class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(GraphScene* scene, QWidget* parent = nullptr);

    void fitAll();
    // The first view of a model: all of it when it stays readable, else its start
    // (top, or left when laid out left to right) at a readable zoom.
    void showStart(bool leftToRight);
    void zoomBy(double factor);
    void centerOnItemOf(int nodeId);
    double zoom() const { return transform().m11(); }

signals:
    void viewportChanged();
    void selectionMoved();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void moveSelection(int key);
    GraphScene* m_scene;
};

// A small overview of the whole graph with the main view's visible area; click or drag
// in it to move there.
class MiniMap : public QGraphicsView {
    Q_OBJECT
public:
    MiniMap(GraphScene* scene, GraphView* main, QWidget* parent = nullptr);
    void refresh();

protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    GraphView* m_main;
};

} // namespace prunescope::ui
