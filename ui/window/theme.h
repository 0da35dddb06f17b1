// SPDX-License-Identifier: MIT
#pragma once
// Light and dark themes. "System" keeps the palette and style the platform gives the
// application (and follows its light/dark switch where the platform theme reports it);
// Light and Dark use Fusion with palettes whose text, edges and marks keep WCAG contrast.
// The choice is remembered in QSettings ("view/theme").
#include <QPalette>
#include <QString>

class QMenu;
class QWidget;

namespace prunescope::ui {

enum class Theme { System, Light, Dark };

Theme themeSetting();
void saveThemeSetting(Theme theme);
Theme parseTheme(const QString& name, Theme fallback); // "system", "light", "dark"
// Remembers the system's style first (call once the QApplication exists).
void applyTheme(Theme theme);
Theme currentTheme();
QPalette lightPalette();
QPalette darkPalette();
// View > Theme: System / Light / Dark, checked on the one in force; choosing one applies
// and remembers it.
QMenu* createThemeMenu(QWidget* parent);

} // namespace prunescope::ui
