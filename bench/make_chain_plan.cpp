// SPDX-License-Identifier: MIT
// Writes a pruning plan for a model's simplest groups (tests/support/chain_plan.h), so
// that the pruner can be timed on real models from the command line:
//     prunescope-bench-chain-plan MODEL.pt FRACTION PLAN.json [INPUT]
#include "chain_plan.h"
#include "prunescope/model.h"
#include "prunescope/prune_json.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::cerr << "usage: " << argv[0] << " MODEL.pt FRACTION PLAN.json [INPUT]\n";
        return 2;
    }
    prunescope::LoadOptions options;
    if (argc > 4)
        options.inputs = prunescope::parseInputSpecs(argv[4]);
    const auto model = prunescope::Model::load(argv[1], options);
    const auto chain = prunescope::test::chainPlan(model.graph(), std::stod(argv[2]));
    std::ofstream(argv[3]) << nlohmann::json(chain.plan).dump() << "\n";
    std::cout << chain.kept.size() << " convs pruned, " << chain.plan.slices.size() << " slices\n";
    return 0;
}
