// SPDX-License-Identifier: MIT
#pragma once
// A strict pruning group's members as lines a person reads: what each member loses with
// the group's channels ("in-channels 0-63 of layer2.0.conv1").
#include "prunescope/pruning_groups.h"

#include <QString>
#include <QStringList>

namespace prunescope::ui {

QString memberRoleText(MemberRole role); // "out-channels", "in-channels", "per-channel"
// The indices of the dimension that belong to the group, as ranges: "0-63", "0-31, 64-95".
QString memberIndices(const UnitMap& map);
QString memberText(const GroupMember& member);
// One line per member, at most `limit`, then "… and N more".
QStringList groupMemberLines(const PruningGroup& group, int limit);

} // namespace prunescope::ui
