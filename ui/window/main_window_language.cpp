// SPDX-License-Identifier: MIT
// The main window in another language without a restart: on LanguageChange every text it
// set is set again. The menus are rebuilt (their actions hold their texts); the panels
// and models retranslate themselves on the same event.
#include "window/main_window.h"

#include "graph/graph_scene.h"
#include "graph/minimap.h"
#include "panels/properties_model.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>
#include <QToolButton>

namespace prunescope::ui {

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void MainWindow::retranslate()
{
    // The old menus may be on the stack (Preferences… runs from one): deleted later, and
    // out of the menu bar now so that their shortcuts no longer count.
    const QList<QAction*> old = menuBar()->actions();
    menuBar()->clear();
    for (QAction* action : old)
        if (QMenu* menu = action->menu())
            menu->deleteLater();
    const bool minimap = m_minimapAction && m_minimapAction->isChecked();
    createMenus();
    m_minimapAction->setChecked(minimap);
    (m_scene->colorMode() == ColorMode::InputChannelSets ? m_inputColorAction : m_channelColorAction)->setChecked(true);
    applyState();

    // The sets dock's title follows the rules: applyState() above.
    const QList<QPair<const char*, const char*>> docks = { { "modules", QT_TR_NOOP("Modules") },
        { "properties", QT_TR_NOOP("Properties") }, { "flops", QT_TR_NOOP("FLOPs") },
        { "charts", QT_TR_NOOP("Charts") }, { "legend", QT_TR_NOOP("Legend") }, { "masks", QT_TR_NOOP("Masks") } };
    for (const auto& [name, title] : docks)
        if (QDockWidget* d = dock(QLatin1String(name)))
            d->setWindowTitle(tr(title));
    m_findBar->setWindowTitle(tr("Find"));
    m_findEdit->setPlaceholderText(tr("Find layer or op (Ctrl+F)"));
    m_findPrevious->setText(tr("Previous"));
    m_findNext->setText(tr("Next"));
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop the analysis (Esc)"));
    updateModelLabel();
    updateSetsPlaceholder();
    updateTitle();
    updateElapsed();
    m_properties->retranslate();
    onSelectionChanged(); // the properties of the selection, in the new words
}

} // namespace prunescope::ui
