// SPDX-License-Identifier: MIT
#include "engine/reply_decoder.h"

#include "prunescope/json_parse.h"
#include "prunescope/json_types.h"
#include "prunescope/prune_json.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QThread>

#include <atomic>

namespace prunescope::ui {

using nlohmann::json;

namespace {

std::atomic<int> g_decoded { 0 }, g_onGuiThread { 0 };

} // namespace

int ReplyDecoder::decoded() { return g_decoded.load(); }
int ReplyDecoder::decodedOnGuiThread() { return g_onGuiThread.load(); }

DecodedLine ReplyDecoder::decode(const QByteArray& line)
{
    ++g_decoded;
    if (QCoreApplication::instance() && QThread::currentThread() == QCoreApplication::instance()->thread())
        ++g_onGuiThread;
    DecodedLine d;
    d.bytes = line.size();
    try {
        const json message = parseJson(std::string_view(line.constData(), static_cast<size_t>(line.size())));
        if (!message.is_object())
            return d; // not ours (a library printing to stdout): ignored
        const json id = message.value("id", json());
        d.id = id.is_number_integer() ? id.get<int>() : -1;
        if (message.contains("event")) {
            d.type = DecodedLine::Type::Progress;
            d.stage = qs(message.value("stage", std::string()));
            d.fraction = message.value("fraction", 0.0);
            return d;
        }
        if (const auto error = message.find("error"); error != message.end()) {
            d.type = DecodedLine::Type::Error;
            d.errorKind = qs(error->value("kind", std::string("internal")));
            d.errorMessage = qs(error->value("message", std::string()));
            return d;
        }
        const auto found = message.find("result");
        if (found == message.end())
            return d;
        const json& result = *found;
        d.type = DecodedLine::Type::Result;
        if (!result.is_object())
            return d;
        if (const auto report = result.find("report"); report != result.end()) {
            m_current = std::make_shared<const Report>(report->get<ReportDocument>());
            d.report = m_current;
        }
        if (result.contains("session")) {
            d.update = result.get<SessionUpdate>();
            if (m_current && !d.report) {
                // Other rules or another prune type: the same graph drawn with other sets.
                const bool strict = d.update->session.settings.rules == "strict";
                std::shared_ptr<const Report> next = m_current;
                if (d.update->channel)
                    next = next->withChannelDependency(*d.update->channel);
                if (d.update->strict)
                    next = next->withStrictGroups(std::move(d.update->strict));
                else if (!strict && next->isStrict())
                    next = next->withStrictGroups(std::nullopt);
                if (next != m_current) {
                    m_current = std::move(next);
                    d.report = m_current;
                    d.reportFromChannel = true;
                }
            }
        }
        if (const auto fixes = result.find("fixes"); fixes != result.end())
            d.fixes = fixes->get<std::vector<MaskFix>>();
        d.fixId = result.value("fix_id", -1);
        if (!result.contains("session"))
            if (const auto layers = result.find("layers"); layers != result.end() && layers->is_object())
                for (const auto& [name, state] : layers->items())
                    d.previewLayers[name] = state.get<MaskLayerState>();
        d.path = qs(result.value("path", std::string()));
        d.protocol = qs(result.value("protocol", std::string()));
        d.version = qs(result.value("version", std::string()));
        d.notice = qs(result.value("notice", std::string()));
        if (result.value("format", std::string()) == kPruneReportFormat)
            d.prune = result.get<PruneReport>();
    } catch (const std::exception& e) { // a reply this app cannot read: a bug on one side
        d.type = d.id >= 0 ? DecodedLine::Type::Error : DecodedLine::Type::Invalid;
        d.errorKind = QStringLiteral("internal");
        d.errorMessage
            = QCoreApplication::translate("ReplyDecoder", "The analysis engine's reply could not be read: %1")
                  .arg(QString::fromUtf8(e.what()));
    }
    return d;
}

} // namespace prunescope::ui
