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

struct FarStyle {
    QPen edge, edgeLit; // hairlines: an edge, an emphasised one
    QPen border, conflict, selected; // a node's frame: in no set, masks in conflict, selected
    std::array<QPen, kSetColorCount> setBorder; // in a set, by setColor
    std::array<QBrush, kSetColorCount> setFill; // by setFill, for the palette's theme
    QBrush base, function, modelIo; // a node in no set, a function call, the model's ends

    // The style of this palette; made again when the palette is another one.
    static const FarStyle& of(const QPalette& palette);
};

} // namespace prunescope::ui
