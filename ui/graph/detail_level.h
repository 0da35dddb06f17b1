// SPDX-License-Identifier: MIT
#pragma once
// Zoom levels (QStyleOptionGraphicsItem::levelOfDetailFromTransform) below which the
// graph's items draw less. A whole expanded model of 10,000 ops fitted in a window puts
// every node at a few pixels: antialiased rounded frames, hatching and arrowheads cost
// most of a repaint there and cannot be seen.
namespace prunescope::ui {

constexpr double kLevelForText = 0.35; // below this, text is unreadable anyway
constexpr double kLevelForOutline = 0.2; // below this, plain rectangles and hairlines

} // namespace prunescope::ui
