#pragma once
// Preferences: the interface language (the system's by default).
#include <QDialog>

class QComboBox;

namespace prunescope::ui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);
    void accept() override;

    // The language to load at start-up: the setting, or the system's when none is set.
    static QString languageSetting(); // "", "en", "zh_CN"
    // Installs the translators for `language` ("" = the system's); returns the locale used.
    static QString installTranslators(const QString& language);

private:
    QComboBox* m_language;
};

} // namespace prunescope::ui
