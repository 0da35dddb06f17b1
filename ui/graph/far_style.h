// SPDX-License-Identifier: MIT
#pragma once
// The pens and brushes the graph's items draw with at far zoom, made once per palette.
// QPainter skips a brush it already holds only when it is the same object (the same
// data), and a fresh pen costs an allocation: at fit zoom 22,000 items each making and
// setting their own spent more time on that than on drawing.
#include "graph/set_palette.h"

#include <QBrush>
#include <QPalette>
#include <QPen>

#include <array>

namespace prunescope::ui {

struct NodeLook;

struct FarStyle {
    QPen edge, edgeLit; // hairlines: an edge, an emphasised one
    QPen border, conflict, selected; // a node's frame: in no set, masks in conflict, selected
    std::array<QPen, kSetColorCount> setBorder; // in a set, by setColor
    std::array<QBrush, kSetColorCount> setFill; // by setFill, for the palette's theme
    QBrush base, function, modelIo; // a node in no set, a function call, the model's ends

    // An edge at far zoom, by its emphasis (-1 dimmed, 0, 1 lit).
    const QPen& edgePen(int emphasis) const { return emphasis > 0 ? edgeLit : edge; }
    // A node at far zoom: its frame and its fill (the item's own drawing and the far
    // layer's batches choose alike), its hatching for sets 17 and up (Qt::NoBrush for
    // the first 16), and where its warning badge goes, in node coordinates.
    const QPen& nodePen(const NodeLook& look, bool isSelected) const;
    QBrush nodeBrush(const NodeLook& look) const;
    static QBrush nodeHatch(const NodeLook& look);
    static QRectF badgeRect(const QSizeF& node) { return QRectF(node.width() - 12, -6, 16, 14); }
    static QColor badgeColor() { return QColor(0xFF, 0xB0, 0x00); }

    // The style of this palette; made again when the palette is another one.
    static const FarStyle& of(const QPalette& palette);
};

} // namespace prunescope::ui
