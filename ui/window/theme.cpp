// SPDX-License-Identifier: MIT
#include "window/theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace prunescope::ui {

namespace {

const QString kThemeKey = QStringLiteral("view/theme");

Theme g_current = Theme::System;

// The platform's style, taken before the first theme replaces it.
const QString& systemStyle()
{
    static const QString style = QApplication::style()->name();
    return style;
}

QPalette paletteOf(const QColor& window, const QColor& base, const QColor& alternate, const QColor& text,
    const QColor& button, const QColor& highlight, const QColor& mid, const QColor& link)
{
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, mid);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, link);
    p.setColor(QPalette::Mid, mid);
    p.setColor(QPalette::Dark, mid.darker(130));
    p.setColor(QPalette::Light, button.lighter(120));
    p.setColor(QPalette::Midlight, button.lighter(110));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : { QPalette::Text, QPalette::WindowText, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, mid);
    return p;
}

} // namespace

Theme parseTheme(const QString& name, Theme fallback)
{
    if (name == QLatin1String("system"))
        return Theme::System;
    if (name == QLatin1String("light"))
        return Theme::Light;
    if (name == QLatin1String("dark"))
        return Theme::Dark;
    return fallback;
}

Theme themeSetting() { return parseTheme(QSettings().value(kThemeKey).toString(), Theme::System); }

void saveThemeSetting(Theme theme)
{
    QSettings().setValue(kThemeKey,
        theme == Theme::Light      ? QStringLiteral("light")
            : theme == Theme::Dark ? QStringLiteral("dark")
                                   : QStringLiteral("system"));
}

// Okabe-Ito blue for the selection on light, its sky blue's darker kin on dark: white
// highlighted text keeps 4.5:1 on both.
QPalette lightPalette()
{
    return paletteOf(QColor(0xef, 0xef, 0xef), Qt::white, QColor(0xf5, 0xf5, 0xf5), QColor(0x1a, 0x1a, 0x1a),
        QColor(0xe6, 0xe6, 0xe6), QColor(0x00, 0x5f, 0x9e), QColor(0x76, 0x76, 0x76), QColor(0x00, 0x5f, 0x9e));
}

QPalette darkPalette()
{
    return paletteOf(QColor(0x2b, 0x2b, 0x2e), QColor(0x1f, 0x1f, 0x22), QColor(0x2a, 0x2a, 0x2e),
        QColor(0xe8, 0xe8, 0xe8), QColor(0x3a, 0x3a, 0x3e), QColor(0x1f, 0x6f, 0xb2), QColor(0x9a, 0x9a, 0x9a),
        QColor(0x56, 0xb4, 0xe9));
}

void applyTheme(Theme theme)
{
    const QString& style = systemStyle();
    g_current = theme;
    if (theme == Theme::System) {
        if (QApplication::style()->name() != style)
            QApplication::setStyle(style);
        // A palette with no role set resolves wholly to the platform's, and keeps following
        // it when the platform switches between light and dark.
        QApplication::setPalette(QPalette());
        return;
    }
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme == Theme::Dark ? darkPalette() : lightPalette());
}

Theme currentTheme() { return g_current; }

QMenu* createThemeMenu(QWidget* parent)
{
    auto* menu = new QMenu(QApplication::translate("Theme", "&Theme"), parent);
    auto* group = new QActionGroup(menu);
    const std::pair<Theme, QString> choices[] = {
        { Theme::System, QApplication::translate("Theme", "&System") },
        { Theme::Light, QApplication::translate("Theme", "&Light") },
        { Theme::Dark, QApplication::translate("Theme", "&Dark") },
    };
    for (const auto& [theme, text] : choices) {
        QAction* action = menu->addAction(text);
        action->setCheckable(true);
        action->setData(static_cast<int>(theme));
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, [theme = theme] {
            saveThemeSetting(theme);
            applyTheme(theme);
        });
    }
    QObject::connect(menu, &QMenu::aboutToShow, menu, [group] {
        for (QAction* action : group->actions())
            action->setChecked(action->data().toInt() == static_cast<int>(currentTheme()));
    });
    return menu;
}

} // namespace prunescope::ui
