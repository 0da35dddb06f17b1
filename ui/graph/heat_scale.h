// SPDX-License-Identifier: MIT
#pragma once
// The heat overlay's colour scale, shared by the nodes that are filled with it and the
// legend that explains it: ColorBrewer's sequential YlOrRd, pale yellow for little and
// dark red for much, so that "hot" reads as "big". Its lightness falls monotonically, so
// the order survives every common colour vision deficiency and greyscale printing.
#include <QColor>
#include <QString>

namespace prunescope::ui {

// Colour of a position on the scale, 0 (little) .. 1 (much); clamped.
QColor heatColor(double t);
// Position of a value on the scale: the square root of its share of the largest value, so
// that small layers still show a tint. 0 when the largest is not positive.
double heatPosition(double value, double largest);
// The value at a position: the inverse of heatPosition().
double heatValueAt(double t, double largest);

} // namespace prunescope::ui
