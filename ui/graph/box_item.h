// SPDX-License-Identifier: MIT
#pragma once
// A module box: expanded, a frame around the module's content with its name; collapsed,
// one item showing the module's class, how many ops it hides and which dependency
// colours and warnings are inside.
#include <QGraphicsObject>

#include <memory>

namespace prunescope::ui {

struct BoxLook {
    QString type; // "BasicBlock"
    QString name; // "layer1.0"
    int hiddenNodes = 0;
    QVector<int> colorIndices; // sets with members inside
    int unsafeInside = 0;
    QString tooltip; // filled only when asked for (GraphScene::boxTooltip)
};

class BoxItem : public QGraphicsObject {
    Q_OBJECT
public:
    enum { Type = UserType + 1 };
    int type() const override { return Type; }
    // `title`: where an expanded frame draws its title, in scene coordinates.
    BoxItem(QString module, const QRectF& rect, bool expanded, BoxLook look, const QRectF& title = {});

    const QString& module() const { return m_module; }
    bool isExpanded() const { return m_expanded; }
    const BoxLook& look() const { return m_look; }
    QRectF rect() const { return QRectF(pos(), m_size); } // in scene coordinates
    // As NodeItem's: `repaint` false leaves the repaint to the scene.
    bool setDimmed(bool dimmed, bool repaint = true);
    bool isDimmed() const { return m_dimmed; }
    void setLook(const BoxLook& look);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // Where the title's text is drawn, in item coordinates: edges must not cross it.
    QRectF titleRect() const;

    static QSizeF collapsedSize(const BoxLook& look);
    static QSizeF titleSize(const BoxLook& look); // of the frame's title text when expanded
    // For many boxes at once (the layout's sizes): the fonts measured once.
    class Sizer {
    public:
        Sizer();
        ~Sizer();
        QSizeF collapsedSize(const BoxLook& look) const;
        QSizeF titleSize(const BoxLook& look) const;

    private:
        struct Fonts;
        std::unique_ptr<Fonts> d;
    };

signals:
    void toggleRequested(const QString& module);

protected:
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;

private:
    QString m_module;
    QSizeF m_size;
    bool m_expanded;
    BoxLook m_look;
    bool m_dimmed = false;
    QRectF m_title; // item coordinates
};

} // namespace prunescope::ui
