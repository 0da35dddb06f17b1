// SPDX-License-Identifier: MIT
#include "window/rules_menu.h"

#include "engine/session.h"

#include <QActionGroup>
#include <QMenu>
#include <QSettings>

namespace prunescope::ui {

namespace {

const char* const kRulesKey = "analysis/rules";

} // namespace

RulesMenu::RulesMenu(Session* session, QMenu* parent)
    : QObject(parent)
    , m_session(session)
    , m_group(new QActionGroup(this))
{
    QMenu* menu = parent->addMenu(tr("&Rules"));
    m_strict = menu->addAction(
        tr("&Strict (pruning groups that follow every channel)"), this, [this] { choose(QStringLiteral("strict")); });
    m_nni = menu->addAction(tr("&NNI v2.9 (dependency sets)"), this, [this] { choose(QStringLiteral("nni")); });
    m_strict->setObjectName(QStringLiteral("rulesStrict"));
    m_nni->setObjectName(QStringLiteral("rulesNni"));
    for (QAction* a : { m_strict, m_nni }) {
        a->setCheckable(true);
        m_group->addAction(a);
    }
    (preferred() == QLatin1String("nni") ? m_nni : m_strict)->setChecked(true);
    showState(); // menus made again (a new language) with a model open
    connect(m_session, &Session::stateChanged, this, &RulesMenu::showState);
}

QString RulesMenu::preferred()
{
    const QString rules = QSettings().value(QLatin1String(kRulesKey), QStringLiteral("strict")).toString();
    return rules == QLatin1String("nni") ? rules : QStringLiteral("strict");
}

void RulesMenu::setPreferred(const QString& rules) { QSettings().setValue(QLatin1String(kRulesKey), rules); }

void RulesMenu::choose(const QString& rules)
{
    setPreferred(rules);
    (rules == QLatin1String("nni") ? m_nni : m_strict)->setChecked(true);
    if (m_session->state().model && qs(m_session->state().settings.rules) != rules)
        emit requested(m_session->setRules(rules));
}

void RulesMenu::showState()
{
    // With a model open the action shows what the worker has, whatever was clicked.
    if (m_session->state().model)
        (m_session->state().settings.rules == "nni" ? m_nni : m_strict)->setChecked(true);
}

} // namespace prunescope::ui
