// prunescope: the desktop app. Without a file it opens its embedded demo model.
//   prunescope [MODEL.pt] [--input SHAPES] [--screenshot OUT.png]
#include "panels/masks_panel.h"
#include "window/main_window.h"
#include "window/preferences_dialog.h"

#include "prunescope/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

using prunescope::ui::MainWindow;

namespace {

// Opens, waits for analysis and layout (and masks), grabs the window, exits: for docs
// and tests.
int screenshot(QApplication& app, MainWindow& window, const QString& out, const QString& masks, const QString& dock)
{
    int code = 1;
    auto grab = [&] {
        if (!dock.isEmpty() && !window.raiseDock(dock)) {
            std::fprintf(stderr,
                "prunescope: no dock named %s (flops, charts, masks, dependencySets, properties, modules)\n",
                qPrintable(dock));
            app.exit(2);
            code = 2;
            return;
        }
        QTimer::singleShot(300, &app, [&] { // let the view paint once at its final size
            if (window.grab().save(out)) {
                std::fprintf(stdout, "prunescope: %s (%zu ops): screenshot written to %s\n",
                    qPrintable(QFileInfo(window.modelPath()).fileName()),
                    static_cast<size_t>(window.report()->nodes().size()), qPrintable(out));
                code = 0;
            } else {
                std::fprintf(stderr, "prunescope: cannot write the screenshot %s\n", qPrintable(out));
            }
            app.quit();
        });
    };
    QObject::connect(&window, &MainWindow::modelReady, &app, [&] {
        if (masks.isEmpty()) {
            grab();
            return;
        }
        QObject::connect(&window, &MainWindow::masksChanged, &app, grab, Qt::SingleShotConnection);
        window.masksPanel()->loadMasks(masks);
    });
    QObject::connect(
        window.masksPanel(), &prunescope::ui::MasksPanel::failed, &app, [&](const QString&, const QString& message) {
            std::fprintf(stderr, "prunescope: %s\n", qPrintable(message));
            app.exit(3);
            code = 3;
        });
    QObject::connect(&window, &MainWindow::openFailed, &app, [&](const QString& message) {
        std::fprintf(stderr, "prunescope: %s\n", qPrintable(message));
        app.exit(3);
        code = 3;
    });
    QTimer::singleShot(300000, &app, [&] {
        std::fprintf(stderr, "prunescope: no graph after 5 minutes, giving up\n");
        app.exit(1);
    });
    app.exec();
    return code;
}

} // namespace

int main(int argc, char** argv)
{
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
        QApplication::translate("main", "Dock to bring to the front for --screenshot: flops, charts or masks"),
        QStringLiteral("name"));
    parser.addOptions({ input, shot, size, masks, dock });
    parser.process(app);

    MainWindow window;
    if (!parser.isSet(shot))
        window.restoreLayout();
    if (parser.isSet(shot)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2)
            window.resize(wh[0].toInt(), wh[1].toInt());
    }
    window.show();
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        window.openDemo();
    else
        window.openModel(files.front(), parser.value(input));
    if (parser.isSet(shot))
        return screenshot(app, window, parser.value(shot), parser.value(masks), parser.value(dock));
    if (parser.isSet(masks))
        QObject::connect(
            &window, &MainWindow::modelReady, &window, [&] { window.masksPanel()->loadMasks(parser.value(masks)); },
            Qt::SingleShotConnection);
    return app.exec();
}
