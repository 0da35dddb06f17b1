// SPDX-License-Identifier: MIT
#pragma once
// The scene of the graph view: node, box and edge items for one GraphGeometry, coloured
// by dependency set, with badges on layers not safe to prune, and the highlighting of
// one set (its members and the ops that tie them; the rest dimmed).
#include "graph/graph_geometry.h"
#include "model/report.h"

#include <QGraphicsScene>
#include <QHash>
#include <QSet>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QTimer;

namespace prunescope::ui {

class NodeItem;
class BoxItem;
class EdgeItem;
class GraphLayer;
struct NodeLook;
struct BoxLook;

class GraphScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit GraphScene(QObject* parent = nullptr);
    ~GraphScene() override;

    void setReport(std::shared_ptr<const Report> report); // clears the items until the next geometry
    // The same graph with other analysis results (another prune type): new looks, same items.
    void updateReport(std::shared_ptr<const Report> report);
    const Report* report() const { return m_report.get(); }
    // Replaces the items by those of `geometry`. A big one (an expanded model of thousands
    // of ops) is built over several event-loop turns, a few thousand items each, so that
    // the window keeps drawing frames; geometryApplied() says when all are in.
    void setGeometry(GraphGeometry geometry);
    bool isBuilding() const { return m_build != nullptr; }
    // Stops adding the items of the geometry being built: a newer layout replaces it.
    void cancelBuild();
    // How many items one turn adds (4,000); the tests make it small to see a build span turns.
    static void setItemsPerTurn(qsizetype items);
    void setColorMode(ColorMode mode);
    ColorMode colorMode() const { return m_colorMode; }

    // Index of a set among the multi-layer sets of the current colour mode (its colour), or -1.
    int colorIndexOfSet(int setIndex) const;
    int setIndexOfColor(int colorIndex) const;
    void highlightSet(int setIndex); // -1: no highlight
    void highlightLayers(const QStringList& layers); // empty: no highlight
    // Node fill by share of FLOPs (0..1 per node id, see heatPosition()); empty to switch
    // the overlay off. `largest` and `unit` ("FLOPs", "MACs") label the legend's scale.
    void setHeat(const QHash<int, double>& heat, double largest = 0, const QString& unit = {});
    bool heatShown() const { return !m_heat.isEmpty(); }
    double heatLargest() const { return m_heatLargest; }
    QString heatUnit() const { return m_heatUnit; }
    bool maskInfoShown() const { return m_maskInfoShown; }
    bool conflictsShown() const { return m_conflictsShown; }
    // With masks: kept/total output channels per layer, and the layers in conflict.
    void setMaskInfo(const QHash<QString, QPair<int, int>>& kept, const QSet<QString>& conflicting);
    int highlightedSet() const { return m_highlighted; }
    bool hasHighlight() const { return m_highlighted >= 0 || !m_highlightLayers.isEmpty(); }
    void clearHighlight();
    void refreshLooks(); // after a theme change, too
    // Where the highlighted items are (their union), empty without a highlight.
    QRectF highlightRect() const { return m_highlightRect; }
    // itemsBoundingRect(), kept per geometry: items never move or resize in between, and
    // the minimap and Fit ask on every scroll, which at 10k nodes costs a frame each time.
    QRectF contentRect() const;

    NodeItem* nodeItem(int nodeId) const { return m_nodeItems.value(nodeId); }
    BoxItem* boxItem(const QString& module) const { return m_boxItems.value(module); }
    const QHash<int, NodeItem*>& nodeItems() const { return m_nodeItems; }
    const QHash<QString, BoxItem*>& boxItems() const { return m_boxItems; }
    QList<EdgeItem*> edgeItems() const { return m_edgeItems; }

    // Look of a node or a collapsed box, as drawn, and the tooltips, made when shown.
    NodeLook nodeLook(const OpNode& node) const;
    void applyMaskLook(NodeLook& look, size_t node) const; // kept count and conflict mark
    BoxLook boxLook(const QString& module) const;
    QString nodeTooltip(const OpNode& node) const;
    QString boxTooltip(const QString& module) const;
    QString edgeTooltip(const QVector<int>& values) const;
    // What decides an item's size before layout (no colours, heat or masks): safe off the
    // GUI thread, for the layout jobs.
    static NodeLook sizingLook(const Report& report, const OpNode& node);
    static BoxLook sizingLook(const Report& report, ColorMode mode, const QString& module);

signals:
    void toggleRequested(const QString& module);
    void highlightCleared(); // by clearHighlight(): the lists that chose it drop their selection
    void nodeActivated(int nodeId);
    // What the items look like changed (report, colouring, heat, masks, theme): the legend redraws.
    void looksChanged();
    void geometryApplied(); // every item of the last setGeometry() is in the scene

protected:
    void helpEvent(QGraphicsSceneHelpEvent* event) override;

private:
    struct Build;
    void buildSome();
    void removeItems(); // every item, the build in progress, and what indexes them
    void applyHighlight();
    const LayerSets& currentSets() const;
    int setOfLayer(const QString& layer) const;

    std::shared_ptr<const Report> m_report;
    ColorMode m_colorMode = ColorMode::ChannelSets;
    int m_highlighted = -1;
    QHash<int, double> m_heat;
    double m_heatLargest = 0;
    QString m_heatUnit;
    // The masks by node id (kept/total, or -1 without masks; in conflict): a restyle
    // compares node by node, with no name lookups (thousands of layers at scale).
    std::vector<QPair<int, int>> m_keptByNode;
    std::vector<char> m_conflictByNode;
    bool m_maskInfoShown = false, m_conflictsShown = false;
    QStringList m_highlightLayers;
    QRectF m_highlightRect;
    mutable std::optional<QRectF> m_contentRect;
    QHash<int, NodeItem*> m_nodeItems;
    QHash<QString, BoxItem*> m_boxItems;
    QList<EdgeItem*> m_edgeItems;
    // Each edge's ends, as items (a node id or a box), for the highlight.
    struct EdgeEnd {
        int node = -1;
        BoxItem* box = nullptr;
    };
    std::vector<std::pair<EdgeEnd, EdgeEnd>> m_edgeEnds;
    GraphLayer* m_layer = nullptr; // draws the nodes and edges; the scene's, made with each geometry
    std::unique_ptr<Build> m_build; // the geometry whose items are still being added
    QTimer* m_buildTimer;
};

} // namespace prunescope::ui
