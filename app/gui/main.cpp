// SPDX-License-Identifier: MIT
// prunescope: the desktop app. Without a file it opens its embedded demo model.
//   prunescope [MODEL.pt] [--input SHAPES] [--theme system|light|dark]
//              [--screenshot OUT.png [--masks FILE] [--dock NAME] [--heat] [--fit]]
//              [--dump-layout OUT.json [--expand-all]]
#include "headless.h"
#include "panels/flops_panel.h"
#include "panels/masks_panel.h"
#include "window/main_window.h"
#include "window/preferences_dialog.h"
#include "window/theme.h"

#include "prunescope/version.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstring>

using prunescope::ui::MainWindow;

namespace {

// The layout dump needs no display: it runs on the offscreen platform unless told otherwise.
void headlessForLayoutDump(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--dump-layout") == 0 || std::strncmp(argv[i], "--dump-layout=", 14) == 0) {
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            return;
        }
}

} // namespace

int main(int argc, char** argv)
{
    headlessForLayoutDump(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Prunescope"));
    QApplication::setOrganizationName(QStringLiteral("Prunescope"));
    QApplication::setApplicationVersion(QString::fromLatin1(prunescope::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("prunescope"));

    prunescope::ui::PreferencesDialog::installTranslators(prunescope::ui::PreferencesDialog::languageSetting());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "See what makes structured pruning of a TorchScript model safe or unsafe."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("model"), QApplication::translate("main", "TorchScript file to open (default: the demo model)"));
    QCommandLineOption input({ QStringLiteral("i"), QStringLiteral("input") },
        QApplication::translate("main", "Example input shape(s), e.g. 1,3,224,224"), QStringLiteral("shapes"));
    QCommandLineOption shot(QStringLiteral("screenshot"),
        QApplication::translate("main", "Open, wait for the graph, save a screenshot of the window and exit"),
        QStringLiteral("png"));
    QCommandLineOption size(QStringLiteral("size"), QApplication::translate("main", "Window size for --screenshot"),
        QStringLiteral("WxH"), QStringLiteral("1400x900"));
    QCommandLineOption masks(QStringLiteral("masks"),
        QApplication::translate("main", "Pruning masks to load (NNI .pth or JSON)"), QStringLiteral("file"));
    QCommandLineOption dock(QStringLiteral("dock"),
        QApplication::translate("main", "Dock to bring to the front for --screenshot: flops, charts, masks or legend"),
        QStringLiteral("name"));
    QCommandLineOption dumpLayout(QStringLiteral("dump-layout"),
        QApplication::translate(
            "main", "Open, wait for the graph, write its layout as JSON (scene coordinates) and exit"),
        QStringLiteral("json"));
    QCommandLineOption expandAll(
        QStringLiteral("expand-all"), QApplication::translate("main", "With --dump-layout: expand every module first"));
    QCommandLineOption theme(QStringLiteral("theme"),
        QApplication::translate("main", "Theme for this run, not remembered: system, light or dark"),
        QStringLiteral("name"));
    QCommandLineOption heat(
        QStringLiteral("heat"), QApplication::translate("main", "With --screenshot: switch the FLOPs heat overlay on"));
    QCommandLineOption fit(
        QStringLiteral("fit"), QApplication::translate("main", "With --screenshot: fit the graph to the window first"));
    parser.addOptions({ input, shot, size, masks, dock, dumpLayout, expandAll, theme, heat, fit });
    parser.process(app);
    prunescope::ui::applyTheme(prunescope::ui::parseTheme(parser.value(theme), prunescope::ui::themeSetting()));

    MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (parser.isSet(dumpLayout)) {
        if (files.isEmpty())
            window.openDemo();
        else
            window.openModel(files.front(), parser.value(input));
        return prunescope::app::dumpLayout(app, window, parser.value(dumpLayout), parser.isSet(expandAll));
    }
    if (!parser.isSet(shot))
        window.restoreLayout();
    if (parser.isSet(shot)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2)
            window.resize(wh[0].toInt(), wh[1].toInt());
    }
    window.show();
    if (files.isEmpty())
        window.openDemo();
    else
        window.openModel(files.front(), parser.value(input));
    if (parser.isSet(heat))
        window.flopsPanel()->setHeatOverlay(true);
    if (parser.isSet(shot))
        return prunescope::app::screenshot(
            app, window, parser.value(shot), parser.value(masks), parser.value(dock), parser.isSet(fit));
    if (parser.isSet(masks))
        QObject::connect(
            &window, &MainWindow::modelReady, &window, [&] { window.masksPanel()->loadMasks(parser.value(masks)); },
            Qt::SingleShotConnection);
    return app.exec();
}
