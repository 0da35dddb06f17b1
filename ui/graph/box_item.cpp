// SPDX-License-Identifier: MIT
#include "graph/box_item.h"

#include "graph/detail_level.h"
#include "graph/graph_colors.h"
#include "graph/item_state.h"
#include "graph/set_palette.h"
#include "graph/text_width.h"

#include <QApplication>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace prunescope::ui {

namespace {

constexpr double kBoxPad = 6;
constexpr double kChip = 9;

QFont boldFont()
{
    QFont font = QApplication::font();
    font.setBold(true);
    return font;
}

QString countText(int hidden) { return BoxItem::tr("%n op(s)", "hidden in a collapsed module", hidden); }

QString frameTitle(const BoxLook& look) { return look.name + QStringLiteral(" · ") + look.type; }

} // namespace

BoxItem::BoxItem(QString module, const QRectF& rect, bool expanded, BoxLook look, const QRectF& title)
    : m_module(std::move(module))
    , m_size(rect.size())
    , m_expanded(expanded)
    , m_look(std::move(look))
    , m_title(title.translated(-rect.topLeft()))
{
    setPos(rect.topLeft());
    setZValue(expanded ? 0 : 2);
    if (!expanded)
        setFlags(ItemIsSelectable | ItemIsFocusable);
}

bool BoxItem::setDimmed(bool dimmed, bool repaint) { return setDrawnState(*this, m_dimmed, dimmed, repaint); }

void BoxItem::setLook(const BoxLook& look)
{
    m_look = look;
    update();
}

QRectF BoxItem::boundingRect() const { return QRectF(QPointF(-2, -2), m_size + QSizeF(4, 4)); }

struct BoxItem::Sizer::Fonts {
    TextWidth bold { boldFont() };
    TextWidth normal { QApplication::font() };
};

BoxItem::Sizer::Sizer()
    : d(std::make_unique<Fonts>())
{
}

BoxItem::Sizer::~Sizer() = default;

QSizeF BoxItem::Sizer::collapsedSize(const BoxLook& look) const
{
    const double chips = look.colorIndices.size() * (kChip + 3);
    const double width = std::max({ d->bold(QStringLiteral("+ ") + look.type), d->normal(look.name),
                             d->normal(countText(look.hiddenNodes)) + chips })
        + 2 * kBoxPad;
    return QSizeF(std::clamp(width, 90.0, 260.0), d->bold.height() + 2 * d->normal.height() + 2 * kBoxPad);
}

QSizeF BoxItem::Sizer::titleSize(const BoxLook& look) const
{
    return QSizeF(std::ceil(d->bold(frameTitle(look))), std::ceil(d->bold.height()));
}

QRectF BoxItem::titleRect() const
{
    const QFontMetricsF bold(boldFont());
    if (m_expanded) {
        if (!m_title.isEmpty())
            return m_title;
        const double width = std::min(bold.horizontalAdvance(frameTitle(m_look)), m_size.width() - 2 * kBoxPad);
        return QRectF(kBoxPad + 2, 3, width, bold.height());
    }
    const double width
        = std::min(bold.horizontalAdvance(QStringLiteral("+ ") + m_look.type), m_size.width() - 2 * kBoxPad);
    return QRectF((m_size.width() - width) / 2, kBoxPad - 2, width, bold.height());
}

QSizeF BoxItem::collapsedSize(const BoxLook& look) { return Sizer().collapsedSize(look); }

QSizeF BoxItem::titleSize(const BoxLook& look) { return Sizer().titleSize(look); }

void BoxItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    painter->setOpacity(m_dimmed ? 0.25 : 1.0); // see NodeItem::paint
    const QPalette palette = QApplication::palette();
    const QRectF rect(QPointF(0, 0), m_size);
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod < kLevelForOutline) {
        // A few pixels on screen: a hairline frame, or a plain block with its warning.
        painter->setRenderHint(QPainter::Antialiasing, false);
        QColor fill = palette.color(QPalette::Text);
        fill.setAlpha(10);
        painter->setPen(QPen(isSelected() ? palette.color(QPalette::Highlight) : edgeColor(palette), 0));
        painter->setBrush(m_expanded ? QBrush(fill) : palette.brush(QPalette::Button));
        painter->drawRect(rect);
        if (!m_expanded && m_look.unsafeInside > 0)
            painter->fillRect(QRectF(m_size.width() - 9, -5, 14, 14), QColor(0xFF, 0xB0, 0x00));
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_expanded) {
        QColor fill = palette.color(QPalette::Text);
        fill.setAlpha(10);
        painter->setBrush(fill);
        painter->setPen(QPen(edgeColor(palette), 1, Qt::DashLine));
        painter->drawRoundedRect(rect, 8, 8);
        painter->setPen(secondaryTextColor(palette));
        painter->setFont(boldFont());
        const QRectF title = titleRect();
        painter->drawText(title.adjusted(0, 0, 2, 0), Qt::AlignLeft | Qt::AlignTop,
            QFontMetricsF(boldFont()).elidedText(frameTitle(m_look), Qt::ElideLeft, title.width() + 2));
        return;
    }
    painter->setBrush(palette.brush(QPalette::Button));
    painter->setPen(
        QPen(isSelected() ? palette.color(QPalette::Highlight) : edgeColor(palette), isSelected() ? 3.0 : 1.5));
    painter->drawRoundedRect(rect, 6, 6);
    // A second outline suggests the stack of ops folded inside.
    painter->setPen(QPen(palette.color(QPalette::Mid), 1));
    painter->drawRoundedRect(rect.adjusted(3, 3, -3, -3), 4, 4);
    if (m_look.unsafeInside > 0) {
        painter->setBrush(QColor(0xFF, 0xB0, 0x00));
        painter->setPen(QPen(QColor(0x80, 0x40, 0), 1));
        painter->drawEllipse(QPointF(m_size.width() - 2, 2), 7, 7);
    }
    if (lod < kLevelForText)
        return;
    const QRectF text = rect.adjusted(kBoxPad, kBoxPad - 2, -kBoxPad, -kBoxPad);
    const QFontMetricsF bold(boldFont()), normal(QApplication::font());
    painter->setPen(palette.color(QPalette::ButtonText));
    painter->setFont(boldFont());
    painter->drawText(QRectF(text.topLeft(), QSizeF(text.width(), bold.height())), Qt::AlignHCenter,
        bold.elidedText(QStringLiteral("+ ") + m_look.type, Qt::ElideRight, text.width()));
    painter->setFont(QApplication::font());
    painter->drawText(QRectF(text.left(), text.top() + bold.height(), text.width(), normal.height()), Qt::AlignHCenter,
        normal.elidedText(m_look.name, Qt::ElideLeft, text.width()));
    double x = text.left();
    const double y = text.top() + bold.height() + normal.height();
    for (int color : m_look.colorIndices) {
        painter->setBrush(setColor(color));
        painter->setPen(Qt::NoPen);
        painter->drawRect(QRectF(x, y + 3, kChip, kChip));
        x += kChip + 3;
    }
    painter->setPen(readableTextOn(palette.color(QPalette::Button), secondaryTextColor(palette)));
    painter->drawText(QRectF(x, y, text.right() - x, normal.height()), Qt::AlignLeft, countText(m_look.hiddenNodes));
}

void BoxItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event)
{
    // An expanded frame only reacts on its title bar, so that double clicks inside it
    // reach the nodes.
    if (m_expanded && event->pos().y() > 22) {
        event->ignore();
        return;
    }
    emit toggleRequested(m_module);
    event->accept();
}

} // namespace prunescope::ui
