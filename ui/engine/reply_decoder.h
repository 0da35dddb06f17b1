// SPDX-License-Identifier: MIT
#pragma once
// Turns the worker's reply lines into the engine's own structs (json_types.h), and a
// report into the ready read model the views use. Runs off the GUI thread, one line at a
// time and in order (see Session), so that it can keep the report the next prune-type
// change applies to.
#include "model/report.h"

#include "prunescope/prune_report.h"
#include "prunescope/session_state.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace prunescope::ui {

struct DecodedLine {
    enum class Type { Progress, Result, Error, Invalid };
    Type type = Type::Invalid;
    int id = -1;
    qint64 bytes = 0; // of the line
    // Progress
    QString stage;
    double fraction = 0;
    // Error (also for a line that cannot be read: kind "internal")
    QString errorKind, errorMessage;
    // Result: what the reply held.
    std::optional<SessionUpdate> update; // a reply that changed the session
    std::shared_ptr<const Report> report; // a new report, ready for the views
    bool reportFromChannel = false; // `report` is the current one with the update's channel dependency
    std::optional<std::vector<MaskFix>> fixes;
    int fixId = -1;
    std::map<std::string, MaskLayerState> previewLayers; // masks.preview
    QString path; // masks.save, masks.export
    QString protocol, version; // hello
    QString notice;
    std::optional<PruneReport> prune; // model.prune
};

class ReplyDecoder {
public:
    DecodedLine decode(const QByteArray& line);
    // Lines decoded so far in this process, and how many of them on the GUI thread
    // (which must stay none: the tests check it).
    static int decoded();
    static int decodedOnGuiThread();

private:
    std::shared_ptr<const Report> m_current; // the latest report decoded
};

} // namespace prunescope::ui
