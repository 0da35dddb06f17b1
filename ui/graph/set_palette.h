// SPDX-License-Identifier: MIT
#pragma once
// Colours for dependency sets: Okabe-Ito's and Paul Tol's colour-blind-safe palettes,
// then the same hues again with a hatched brush, so that sets stay distinguishable for
// readers with any common colour vision deficiency.
#include <QBrush>
#include <QColor>

namespace prunescope::ui {

constexpr int kSetColorCount = 16; // colours before the hatched rounds repeat them

QColor setColor(int index); // index among the multi-layer sets
Qt::BrushStyle setPattern(int index); // solid for the first colours, hatched after
QBrush setFill(int index, bool darkTheme); // tinted fill for a node of that set (pattern drawn on top)

} // namespace prunescope::ui
