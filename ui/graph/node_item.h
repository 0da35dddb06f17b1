// SPDX-License-Identifier: MIT
#pragma once
// One visible node: a module call or a functional op, coloured by its dependency set,
// with a warning badge when the layer is not safe to prune, and a marker when the strict
// rules group it otherwise than NNI v2.9; or one of the model's inputs or outputs, a
// filled pill.
#include <QGraphicsObject>

#include <memory>

namespace prunescope::ui {

struct NodeLook {
    QString title; // type: "Conv2d"
    QString name; // "layer1.0.conv1"
    QString detail; // output shape: "1x64x56x56"
    int colorIndex = -1; // among multi-layer sets, -1 for none
    bool unsafe = false;
    bool isFunction = false;
    bool isModelIo = false; // a model input or output
    double heat = -1; // 0..1 share of FLOPs when the heat overlay is on, else -1
    bool maskConflict = false; // in a dependency set whose masks disagree
    bool rulesDiffer = false; // under strict rules: its group is not NNI v2.9's set
    QString tooltip; // filled only when asked for (GraphScene::nodeTooltip)
};

class NodeItem : public QGraphicsObject {
    Q_OBJECT
public:
    enum { Type = UserType + 2 };
    int type() const override { return Type; }
    NodeItem(int nodeId, const QRectF& rect, NodeLook look);

    int nodeId() const { return m_nodeId; }
    const NodeLook& look() const { return m_look; }
    // The setters repaint the item, unless `repaint` is false: the scene then updates
    // the area of many items at once (a per-item update costs more than the paint of a
    // far zoom's node). setDimmed says whether anything changed.
    void setLook(const NodeLook& look, bool repaint = true);
    bool setDimmed(bool dimmed, bool repaint = true);
    bool isDimmed() const { return m_dimmed; }
    bool hasBadge() const { return m_look.unsafe; }
    bool hasRulesMarker() const { return m_look.rulesDiffer; }
    QRectF rect() const { return QRectF(pos(), m_size); } // the node's box, in scene coordinates

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    static QSizeF preferredSize(const NodeLook& look);
    // For many nodes at once (the layout's sizes): the fonts measured once.
    class Sizer {
    public:
        Sizer();
        ~Sizer();
        QSizeF size(const NodeLook& look) const;

    private:
        struct Fonts;
        std::unique_ptr<Fonts> d;
    };

private:
    int m_nodeId;
    QSizeF m_size;
    NodeLook m_look;
    bool m_dimmed = false;
};

} // namespace prunescope::ui
