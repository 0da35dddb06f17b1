// SPDX-License-Identifier: MIT
#pragma once
// One request to the engine worker, as the app sees it (like a QNetworkReply): progress
// while it runs, then finished() once, with the decoded result or an error (and, for a
// model.prune cancelled too late, finishedAfterCancel() with its result). Owned by the
// Session that made it, which deletes it some time after it finished; connect to its
// signals right away, or hold a QPointer.
#include "engine/reply_decoder.h"

#include <QElapsedTimer>
#include <QObject>

namespace prunescope::ui {

class Session;

class Reply : public QObject {
    Q_OBJECT
public:
    // Requests of one kind supersede each other (see Session); the others never do.
    enum class Kind {
        Hello,
        Restore,
        Open,
        Settings,
        MasksLoad,
        MasksFix,
        MasksPreview,
        MasksHistory,
        MasksSave,
        MasksExport,
        ReportExport,
        Prune
    };

    int id() const { return m_id; }
    Kind kind() const { return m_kind; }
    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && m_errorKind.isEmpty(); }
    // usage, bad_model, bad_input, io, cancelled, internal (the worker's), or crashed,
    // timeout, protocol (the app's: the worker died, hung, or speaks another protocol).
    const QString& errorKind() const { return m_errorKind; }
    const QString& errorMessage() const { return m_errorMessage; }
    bool wasCancelled() const { return m_errorKind == QLatin1String("cancelled"); }
    const DecodedLine& result() const { return m_result; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

    // Asks the worker to stop this request (cooperatively: between two phases); the
    // reply finishes at once as cancelled.
    void abort();

signals:
    void progress(const QString& stage, double fraction);
    void finished();
    // model.prune only, after finished() as cancelled: the worker had already written
    // the pruned model when the cancel reached it. ok() and result() now say so.
    void finishedAfterCancel();

private:
    friend class Session;
    Reply(Session* session, int id, Kind kind);
    void finish(DecodedLine result);
    void fail(const QString& kind, const QString& message);

    Session* m_session;
    int m_id;
    Kind m_kind;
    bool m_finished = false;
    bool m_cancelRequested = false;
    QElapsedTimer m_cancelClock;
    QString m_errorKind, m_errorMessage;
    DecodedLine m_result;
    QElapsedTimer m_clock;
};

} // namespace prunescope::ui
