// SPDX-License-Identifier: MIT
#include "window/preferences_dialog.h"

#include "engine/session.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QSpinBox>
#include <QTranslator>

namespace prunescope::ui {

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent)
    , m_language(new QComboBox)
    , m_timeout(new QSpinBox)
{
    setWindowTitle(tr("Preferences"));
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(languageSetting())));
    m_timeout->setRange(0, 24 * 3600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("No limit"));
    m_timeout->setValue(Session::timeoutSetting());
    m_timeout->setToolTip(tr("A model or file that keeps the engine busy longer is stopped; the open model stays."));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Language:"), m_language);
    form->addRow(tr("Stop the engine after:"), m_timeout);
    form->addRow(buttons);
}

void PreferencesDialog::accept()
{
    const QString language = m_language->currentData().toString();
    const bool changed = language != languageSetting();
    QSettings().setValue(QStringLiteral("language"), language);
    QSettings().setValue(QStringLiteral("engine/timeout_s"), m_timeout->value());
    QDialog::accept();
    if (changed)
        installTranslators(language);
}

QString PreferencesDialog::languageSetting() { return QSettings().value(QStringLiteral("language")).toString(); }

namespace {

// The translators installed last, replaced by the next installTranslators().
QPointer<QTranslator> g_ours, g_qt;
bool g_qtLoaded = false;

} // namespace

QString PreferencesDialog::installTranslators(const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto* app = QCoreApplication::instance();
    for (QPointer<QTranslator>* old : { &g_ours, &g_qt })
        if (*old) {
            QCoreApplication::removeTranslator(*old);
            delete old->data();
        }
    // Installing one sends LanguageChange to every widget, which retranslates itself.
    g_ours = new QTranslator(app);
    if (g_ours->load(locale, QStringLiteral("prunescope"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(g_ours);
    // Qt's own strings (standard buttons, file dialogs): Debian's qt6-translations-l10n.
    g_qt = new QTranslator(app);
    g_qtLoaded = g_qt->load(
        locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (g_qtLoaded)
        QCoreApplication::installTranslator(g_qt);
    return locale.name();
}

bool PreferencesDialog::qtTranslationsLoaded() { return g_qtLoaded; }

} // namespace prunescope::ui
