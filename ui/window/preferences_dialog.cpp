#include "window/preferences_dialog.h"

#include "engine/session.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLibraryInfo>
#include <QLocale>
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
    form->addRow(new QLabel(tr("The language changes the next time Prunescope starts.")));
    form->addRow(tr("Stop the engine after:"), m_timeout);
    form->addRow(buttons);
}

void PreferencesDialog::accept()
{
    QSettings().setValue(QStringLiteral("language"), m_language->currentData().toString());
    QSettings().setValue(QStringLiteral("engine/timeout_s"), m_timeout->value());
    QDialog::accept();
}

QString PreferencesDialog::languageSetting() { return QSettings().value(QStringLiteral("language")).toString(); }

QString PreferencesDialog::installTranslators(const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto* app = QCoreApplication::instance();
    auto* ours = new QTranslator(app);
    if (ours->load(locale, QStringLiteral("prunescope"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(ours);
    // Qt's own strings (standard buttons, file dialogs), when the system has them.
    auto* qt = new QTranslator(app);
    if (qt->load(
            locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return locale.name();
}

} // namespace prunescope::ui
