// SPDX-License-Identifier: MIT
#pragma once
// Colours of the graph that follow the theme: derived from the application palette so
// that they keep their contrast in light, dark and the system's own palettes, and the
// contrast arithmetic (WCAG 2) the choices and the tests rely on.
#include <QColor>
#include <QPalette>

namespace prunescope::ui {

// WCAG 2 contrast ratio of two colours: 1 (same luminance) .. 21 (black on white).
double contrastRatio(const QColor& a, const QColor& b);
// Black or white, whichever has the higher contrast on `fill` (never below 4.58:1).
QColor textColorOn(const QColor& fill);
// `preferred` when it reads on `fill` at WCAG AA (4.5:1), else black or white.
QColor readableTextOn(const QColor& fill, const QColor& preferred);
bool isDarkPalette(const QPalette& palette);
// Plain edges: 60 % of the way from the canvas (Base) to the text colour.
QColor edgeColor(const QPalette& palette);
// Secondary text on the canvas (shapes, counts): 70 % of the way from Base to Text.
QColor secondaryTextColor(const QPalette& palette);
// The fill of the model's input and output nodes: 80 % of the way from Base to Text, a
// dark pill on a light canvas and a light one on a dark canvas (text: textColorOn).
QColor modelIoFill(const QPalette& palette);
// Okabe-Ito vermillion for conflict marks, lightened on dark canvases.
QColor conflictColor(const QPalette& palette);

} // namespace prunescope::ui
