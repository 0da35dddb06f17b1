// SPDX-License-Identifier: MIT
#pragma once
// Preferences: the interface language (the system's by default) and how long the
// analysis engine may work on one request before it is stopped.
#include <QDialog>

class QComboBox;
class QSpinBox;

namespace prunescope::ui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);
    void accept() override;

    // The language to load at start-up: the setting, or the system's when none is set.
    static QString languageSetting(); // "", "en", "zh_CN"
    // Installs the translators for `language` ("" = the system's) in place of the previous
    // ones; every window retranslates itself at once. Returns the locale used.
    static QString installTranslators(const QString& language);
    // Qt's own catalogue (standard buttons, file dialogs) was found for the language.
    static bool qtTranslationsLoaded();

private:
    QComboBox* m_language;
    QSpinBox* m_timeout;
};

} // namespace prunescope::ui
