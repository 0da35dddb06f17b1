// SPDX-License-Identifier: MIT
// The main window's default dock layout, which View > Reset Layout brings back: the graph
// gets most of the window, the lists and properties share a narrow column on the right
// (the charts and the legend in the properties' tabs), the tables a short strip at the
// bottom.
#include "window/main_window.h"

#include <QDockWidget>

#include <algorithm>

namespace prunescope::ui {

namespace {

// The right column's width and the bottom strip's height, for a window of `size`.
int sideWidth(const QSize& size) { return std::clamp(size.width() / 4, 240, 360); }
int bottomHeight(const QSize& size) { return std::clamp(size.height() / 4, 160, 260); }

} // namespace

QDockWidget* MainWindow::dock(const QString& name) const { return findChild<QDockWidget*>(name); }

void MainWindow::placeDocks()
{
    // Lists on top of the properties on the right, each pair tabbed; tables at the bottom.
    const QList<QPair<QString, Qt::DockWidgetArea>> places
        = { { QStringLiteral("dependencySets"), Qt::RightDockWidgetArea },
              { QStringLiteral("properties"), Qt::RightDockWidgetArea },
              { QStringLiteral("flops"), Qt::BottomDockWidgetArea } };
    // Out of every tab group first: re-adding a dock that is in one leaves the group half-made.
    for (QDockWidget* d : findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
        d->setFloating(false);
        removeDockWidget(d);
    }
    for (const auto& [name, area] : places)
        if (QDockWidget* d = dock(name)) {
            addDockWidget(area, d, Qt::Vertical);
            d->setFloating(false);
            d->show();
        }
    const QList<QPair<QString, QString>> tabs = { { QStringLiteral("dependencySets"), QStringLiteral("modules") },
        { QStringLiteral("properties"), QStringLiteral("charts") },
        { QStringLiteral("properties"), QStringLiteral("legend") },
        { QStringLiteral("flops"), QStringLiteral("masks") } };
    for (const auto& [first, second] : tabs)
        if (QDockWidget* a = dock(first), *b = dock(second); a && b) {
            tabifyDockWidget(a, b);
            b->setFloating(false);
            b->show();
            a->raise();
        }
}

void MainWindow::sizeDocks()
{
    const QSize size = this->size();
    QList<QDockWidget*> right, bottom;
    for (const char* name : { "dependencySets", "properties" })
        if (QDockWidget* d = dock(QLatin1String(name)))
            right << d;
    if (QDockWidget* d = dock(QStringLiteral("flops")))
        bottom << d;
    resizeDocks(right, QList<int>(right.size(), sideWidth(size)), Qt::Horizontal);
    // The sets list is short; the properties of a layer are long.
    if (right.size() == 2)
        resizeDocks(right, { size.height() * 2 / 5, size.height() * 3 / 5 }, Qt::Vertical);
    resizeDocks(bottom, QList<int>(bottom.size(), bottomHeight(size)), Qt::Vertical);
}

void MainWindow::resetLayout()
{
    placeDocks();
    sizeDocks();
}

} // namespace prunescope::ui
