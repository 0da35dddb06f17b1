// SPDX-License-Identifier: MIT
#include "panels/group_members.h"

#include <QCoreApplication>

namespace prunescope::ui {

QString memberRoleText(MemberRole role)
{
    switch (role) {
    case MemberRole::OutChannels: return QCoreApplication::translate("GroupMembers", "out-channels");
    case MemberRole::InChannels: return QCoreApplication::translate("GroupMembers", "in-channels");
    case MemberRole::PerChannel: break;
    }
    return QCoreApplication::translate("GroupMembers", "per-channel");
}

QString memberIndices(const UnitMap& map)
{
    QStringList ranges;
    int64_t start = -1;
    auto close = [&](int64_t end) { // [start, end)
        if (start >= 0)
            ranges << (end - 1 == start ? QString::number(start) : QStringLiteral("%1-%2").arg(start).arg(end - 1));
        start = -1;
    };
    for (int64_t i = map.first; i < map.end(); ++i) {
        const bool in = map.unitAt(i) >= 0;
        if (in && start < 0)
            start = i;
        else if (!in)
            close(i);
    }
    close(map.end());
    return ranges.join(QStringLiteral(", "));
}

QString memberText(const GroupMember& member)
{
    // A layer's weight is the layer; any other parameter is named.
    QString owner = QString::fromStdString(member.module);
    if (member.role == MemberRole::PerChannel || member.name != "weight")
        owner = owner.isEmpty() ? QString::fromStdString(member.name)
                                : owner + QLatin1Char('.') + QString::fromStdString(member.name);
    //: %1 a role (in-channels), %2 index ranges (0-63), %3 a layer or parameter
    return QCoreApplication::translate("GroupMembers", "%1 %2 of %3")
        .arg(memberRoleText(member.role), memberIndices(member.map), owner);
}

QStringList groupMemberLines(const PruningGroup& group, int limit)
{
    QStringList lines;
    for (const auto& member : group.members) {
        if (lines.size() == limit)
            break;
        lines << memberText(member);
    }
    if (const int more = static_cast<int>(group.members.size()) - limit; more > 0)
        lines << QCoreApplication::translate("GroupMembers", "… and %n more", nullptr, more);
    return lines;
}

} // namespace prunescope::ui
