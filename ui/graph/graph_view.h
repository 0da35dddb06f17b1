// SPDX-License-Identifier: MIT
#pragma once
// The zoomable, pannable view of the graph: wheel or pinch to zoom (under the cursor,
// from a whole-model overview down to a single node), drag to pan, arrows to walk to
// neighbouring nodes, Enter to expand or collapse the selected module. Fit and the
// other navigation commands are GraphNavigator's.
#include <QGraphicsView>

namespace prunescope::ui {

class GraphScene;

class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit GraphView(GraphScene* scene, QWidget* parent = nullptr);

    void fitAll();
    // Shows `rect` whole and centred, at most at `maxZoom`.
    void frame(const QRectF& rect, double maxZoom = 1.5);
    void actualSize(); // 100 %, around the same centre
    // The first view of a model: all of it when it stays readable, else its start
    // (top, or left when laid out left to right) at a readable zoom.
    void showStart(bool leftToRight);
    void zoomBy(double factor);
    void centerOnItemOf(int nodeId);
    double zoom() const { return transform().m11(); }

signals:
    void viewportChanged();
    void selectionMoved();
    void canvasClicked(); // a click (not a drag) on empty canvas or inside a frame

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void moveSelection(int key);
    GraphScene* m_scene;
    QPoint m_pressAt;
    bool m_pressOnCanvas = false;
};

} // namespace prunescope::ui
