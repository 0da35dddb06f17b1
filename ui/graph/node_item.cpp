// SPDX-License-Identifier: MIT
#include "graph/node_item.h"

#include "graph/detail_level.h"
#include "graph/far_style.h"
#include "graph/graph_colors.h"
#include "graph/heat_scale.h"
#include "graph/item_state.h"
#include "graph/set_palette.h"
#include "graph/text_width.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

namespace prunescope::ui {

namespace {

constexpr double kNodePad = 6;

QFont titleFont()
{
    QFont font = QApplication::font();
    font.setBold(true);
    return font;
}

QFont smallFont()
{
    QFont font = QApplication::font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    return font;
}

} // namespace

NodeItem::NodeItem(int nodeId, const QRectF& rect, NodeLook look)
    : m_nodeId(nodeId)
    , m_size(rect.size())
    , m_look(std::move(look))
{
    setPos(rect.topLeft());
    setFlags(ItemIsSelectable | ItemIsFocusable);
    setZValue(2);
}

void NodeItem::setLook(const NodeLook& look, bool repaint)
{
    m_look = look;
    if (repaint)
        repaintItem(*this);
}

bool NodeItem::setDimmed(bool dimmed, bool repaint) { return setDrawnState(*this, m_dimmed, dimmed, repaint); }

QRectF NodeItem::boundingRect() const { return QRectF(QPointF(-2, -8), m_size + QSizeF(10, 10)); }

struct NodeItem::Sizer::Fonts {
    TextWidth title { titleFont() };
    TextWidth normal { QApplication::font() };
    TextWidth small { smallFont() };
};

NodeItem::Sizer::Sizer()
    : d(std::make_unique<Fonts>())
{
}

NodeItem::Sizer::~Sizer() = default;

QSizeF NodeItem::Sizer::size(const NodeLook& look) const
{
    const double width = std::max({ d->title(look.title), d->normal(look.name), d->small(look.detail) }) + 2 * kNodePad;
    const double lines = d->title.height() + d->normal.height() + (look.detail.isEmpty() ? 0 : d->small.height());
    return QSizeF(std::clamp(width, 64.0, 240.0), lines + 2 * kNodePad - 2);
}

QSizeF NodeItem::preferredSize(const NodeLook& look) { return Sizer().size(look); }

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    // Dimmed by the painter, not QGraphicsItem::setOpacity: a highlight dims thousands of
    // items, and the item's own opacity machinery made that a frame's work.
    painter->setOpacity(m_dimmed ? kDimmedNodeOpacity : 1.0);
    const QPalette palette = QApplication::palette();
    const QRectF rect(QPointF(0, 0), m_size);
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod < kLevelForOutline) {
        // A few pixels on screen: the colours and the warning stay, the shapes go. The
        // pens and brushes are the style's own objects, so the painter keeps them from
        // one node to the next (the same choices as below).
        const FarStyle& far = FarStyle::of(palette);
        if (painter->testRenderHint(QPainter::Antialiasing))
            painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(far.nodePen(m_look, isSelected()));
        painter->setBrush(far.nodeBrush(m_look));
        painter->drawRect(rect);
        // The hatching tells sets 17 and up from the first 16 in the same colours.
        if (const QBrush hatch = FarStyle::nodeHatch(m_look); hatch.style() != Qt::NoBrush)
            painter->fillRect(rect, hatch);
        if (m_look.unsafe)
            painter->fillRect(FarStyle::badgeRect(m_size), FarStyle::badgeColor());
        return;
    }
    const bool dark = isDarkPalette(palette);
    const QColor border = m_look.colorIndex >= 0 ? setColor(m_look.colorIndex) : edgeColor(palette);
    QBrush fill = m_look.colorIndex >= 0 ? setFill(m_look.colorIndex, dark) : palette.brush(QPalette::Base);
    if (m_look.isFunction && m_look.colorIndex < 0)
        fill = palette.brush(QPalette::AlternateBase);
    if (m_look.heat >= 0)
        fill = heatColor(m_look.heat);
    if (m_look.isModelIo) // filled: the graph's ends stand out from its layers and ops
        fill = modelIoFill(palette);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setBrush(fill);
    QPen pen(isSelected() ? palette.color(QPalette::Highlight) : border, isSelected() ? 3.0 : 1.5);
    if (m_look.isFunction)
        pen.setStyle(Qt::DashLine);
    if (m_look.maskConflict && !isSelected()) // Okabe-Ito vermillion, dashed: the masks disagree here
        pen = QPen(conflictColor(palette), 2.5, Qt::DashLine);
    if (m_look.isModelIo && !isSelected())
        pen = QPen(fill.color(), 1.5);
    painter->setPen(pen);
    const double radius = m_look.isFunction || m_look.isModelIo ? m_size.height() / 2 : 5;
    painter->drawRoundedRect(rect, radius, radius);
    if (const QBrush hatch = FarStyle::nodeHatch(m_look); hatch.style() != Qt::NoBrush) {
        painter->setBrush(hatch);
        painter->setPen(Qt::NoPen);
        painter->drawRoundedRect(rect, radius, radius);
    }
    if (m_look.unsafe) {
        // A warning triangle on the top-right corner.
        const QPointF corner(m_size.width() - 4, -6);
        QPolygonF triangle { corner + QPointF(0, 0), corner + QPointF(-8, 14), corner + QPointF(8, 14) };
        painter->setPen(QPen(QColor(0x80, 0x40, 0), 1));
        painter->setBrush(FarStyle::badgeColor());
        painter->drawPolygon(triangle);
        painter->setPen(Qt::black);
        QFont bang = titleFont();
        bang.setPointSizeF(7);
        painter->setFont(bang);
        painter->drawText(QRectF(corner + QPointF(-8, 2), QSizeF(16, 12)), Qt::AlignCenter, QStringLiteral("!"));
    }
    if (m_look.rulesDiffer) {
        // A small diamond on the top-left corner (Okabe-Ito blue): strict and NNI differ here.
        const QPointF c(7, 0);
        const QPolygonF diamond { c + QPointF(0, -5), c + QPointF(5, 0), c + QPointF(0, 5), c + QPointF(-5, 0) };
        painter->setPen(QPen(palette.color(QPalette::Base), 1));
        painter->setBrush(QColor(0x00, 0x72, 0xB2));
        painter->drawPolygon(diamond);
    }
    if (lod < kLevelForText)
        return;
    // On the heat scale the fill goes from pale to dark: the text follows it.
    const bool heat = m_look.heat >= 0;
    const QColor textColor
        = m_look.isModelIo ? textColorOn(fill.color()) : readableTextOn(fill.color(), palette.color(QPalette::Text));
    painter->setPen(heat ? textColorOn(heatColor(m_look.heat)) : textColor);
    const QRectF text = rect.adjusted(kNodePad, kNodePad - 2, -kNodePad, -kNodePad);
    const QFontMetricsF titleMetrics(titleFont()), normal(QApplication::font());
    painter->setFont(titleFont());
    painter->drawText(QRectF(text.topLeft(), QSizeF(text.width(), titleMetrics.height())), Qt::AlignHCenter,
        titleMetrics.elidedText(m_look.title, Qt::ElideMiddle, text.width()));
    painter->setFont(QApplication::font());
    const QRectF nameRect(text.left(), text.top() + titleMetrics.height(), text.width(), normal.height());
    painter->drawText(nameRect, Qt::AlignHCenter, normal.elidedText(m_look.name, Qt::ElideLeft, text.width()));
    if (!m_look.detail.isEmpty()) {
        painter->setFont(smallFont());
        if (!heat && textColor == palette.color(QPalette::Text))
            painter->setPen(secondaryTextColor(palette));
        painter->drawText(QRectF(text.left(), nameRect.bottom(), text.width(), QFontMetricsF(smallFont()).height()),
            Qt::AlignHCenter, m_look.detail);
    }
}

} // namespace prunescope::ui
