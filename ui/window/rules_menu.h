// SPDX-License-Identifier: MIT
#pragma once
// Analysis > Rules: which rules the pruning analyses follow, strict pruning groups (the
// app's default) or NNI v2.9's dependency sets. The choice is a preference, remembered
// in QSettings ("analysis/rules") and used for every model opened; the rules of the open
// model are the worker's, which the checked action shows.
#include <QObject>
#include <QString>

class QAction;
class QActionGroup;
class QMenu;

namespace prunescope::ui {

class Reply;
class Session;

class RulesMenu : public QObject {
    Q_OBJECT
public:
    RulesMenu(Session* session, QMenu* parent);

    static QString preferred(); // "strict" or "nni"
    static void setPreferred(const QString& rules);
    QAction* strictAction() const { return m_strict; }
    QAction* nniAction() const { return m_nni; }

signals:
    // The open model is analysed again under the chosen rules.
    void requested(Reply* reply);

private:
    void choose(const QString& rules);
    void showState();

    Session* m_session;
    QActionGroup* m_group;
    QAction* m_strict;
    QAction* m_nni;
};

} // namespace prunescope::ui
