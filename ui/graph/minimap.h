// SPDX-License-Identifier: MIT
#pragma once
// A thumbnail of the graph in the view's corner: the folded structure as it is drawn
// (frames, collapsed boxes and nodes as small blocks in their set colours, the outer
// frames named) and the view's visible area as a rectangle to drag. Its shape follows
// the graph's: a tall graph gets a tall, narrow map, and where even that would be a
// line, the map is stretched across (a schematic, not to scale), so it never shrinks
// to a grey line. It steps aside while the view shows the whole graph.
#include <QPixmap>
#include <QTransform>
#include <QWidget>

namespace prunescope::ui {

class GraphScene;
class GraphView;

class MiniMap : public QWidget {
    Q_OBJECT
public:
    MiniMap(GraphScene* scene, GraphView* main, QWidget* parent = nullptr);

    void refresh(); // after a new layout or look: sizes itself and redraws the thumbnail
    // Shown when wanted (View > Minimap) and the view does not show the whole graph.
    void setWanted(bool wanted);
    // Scene <-> map coordinates, and the main view's visible area on the map.
    QPointF toMap(const QPointF& scene) const { return m_toMap.map(scene); }
    QPointF toScene(const QPointF& map) const { return m_toMap.inverted().map(map); }
    QRectF visibleArea() const;

    static constexpr int kMaxWidth = 180;
    static constexpr int kMinWidth = 64;

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override; // a new theme: a new thumbnail
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void paintThumbnail();
    void updateVisibility();
    void moveViewTo(const QPointF& mapPoint);

    GraphScene* m_scene;
    GraphView* m_main;
    QTransform m_toMap;
    QPixmap m_thumbnail;
    bool m_wanted = true;
    bool m_dragging = false;
    QPointF m_grab; // where in the visible area the drag holds it
};

} // namespace prunescope::ui
