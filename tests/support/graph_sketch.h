// SPDX-License-Identifier: MIT
#pragma once
// Builds small OpGraphs by hand, so the dependency rules can be tested on exactly the
// topology a test needs, without libtorch. Each node produces one value, named after it.
#include "prunescope/op_graph.h"

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

namespace prunescope::test {

class GraphSketch {
public:
    // A leaf-module call: name is the module path, type its class ("Conv2d").
    GraphSketch& module(const std::string& name, const std::string& type, std::vector<std::string> inputs,
        std::map<std::string, std::vector<int64_t>> attrs = {});
    // A second call of an already added module.
    GraphSketch& call(const std::string& name, std::vector<std::string> inputs);
    // A functional op; `in`/`out` are the runtime shapes of its first input and output.
    GraphSketch& op(const std::string& name, const std::string& kind, std::vector<std::string> inputs, Shape in = {},
        Shape out = {}, std::map<std::string, std::vector<int64_t>> attrs = {});
    OpGraph build() const;

private:
    GraphSketch& add(OpNode node, std::vector<std::string> inputs, Shape in, Shape out);
    OpGraph m_graph;
    std::map<std::string, int> m_valueOf; // producer unique name -> value id
};

} // namespace prunescope::test
