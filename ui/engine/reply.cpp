// SPDX-License-Identifier: MIT
#include "engine/reply.h"

#include "engine/session.h"

namespace prunescope::ui {

Reply::Reply(Session* session, int id, Kind kind)
    : QObject(session)
    , m_session(session)
    , m_id(id)
    , m_kind(kind)
{
    m_clock.start();
}

void Reply::abort() { m_session->requestCancel(this); }

void Reply::finish(DecodedLine result)
{
    if (m_finished) {
        // The worker had done the work before the cancel reached it: the reply that said
        // "cancelled" now holds the result, so that the window can say what happened.
        if (m_kind == Kind::Prune && m_cancelRequested && wasCancelled()) {
            m_errorKind.clear();
            m_errorMessage.clear();
            m_result = std::move(result);
            emit finishedAfterCancel();
        }
        return;
    }
    m_finished = true;
    m_result = std::move(result);
    emit finished();
}

void Reply::fail(const QString& kind, const QString& message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_errorKind = kind.isEmpty() ? QStringLiteral("internal") : kind;
    m_errorMessage = message;
    emit finished();
}

} // namespace prunescope::ui
