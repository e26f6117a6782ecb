// read_yaml_file: the bounded read of a YAML file that every loader shares (yaml_file.hpp).
#include "sim/scenario/yaml_file.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "sim/scenario/loader.hpp"

namespace peaksim::scn {
namespace {

// Where each document of a YAML text starts, up to three, read by yaml-cpp's parser without building nodes.
class DocumentStarts : public YAML::EventHandler {
public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

std::string_view article(std::string_view noun) {
  return !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos ? "an" : "a";
}

}  // namespace

// yaml-cpp's LoadAll never ends on a token that cannot begin a document (a ',' at the top level): it yields empty
// documents at that place without end. So the documents are counted first, three at most, and two that start at
// one place are that token.
void check_one_document(const std::string& text, const std::string& file, const std::string& fixed_where,
                        const std::string& key_path, std::string_view holder) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts d;
  while (d.starts.size() < 3 && parser.HandleNextDocument(d)) {
  }
  const auto& m = d.starts;
  const auto where = [&](const YAML::Mark& mark) {
    return !fixed_where.empty() ? fixed_where
                                : file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  };
  for (std::size_t i = 0; i + 1 < m.size(); ++i)
    if (m[i + 1].pos == m[i].pos) {
      const std::size_t at = std::size_t(m[i].pos);
      const std::string token = at < text.size() ? std::string(1, text[at]) : std::string("end of file");
      throw ScenarioError(
          where(m[i]), key_path,
          "invalid YAML: '" + token + "' cannot begin a value here (a ',' separates items only inside [...] or {...})");
    }
  if (m.size() > 1)
    throw ScenarioError(where(m[1]), key_path,
                        "a second YAML document (after '---'); " + std::string(holder) + " holds one");
}

YamlFile read_yaml_file(const std::string& path, std::string_view noun, std::string_view too_big_hint) {
  const std::string kind(noun);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw ScenarioError(
        path, "",
        "cannot open the " + kind + " file" + (err ? std::string(" (") + std::strerror(err) + ")" : std::string()));
  }
  // yaml-cpp holds some 70 bytes per byte of text: a bound on the file bounds the memory of the parse. Read in
  // pieces, so that a pipe or a device is bounded as well as a plain file.
  YamlFile file;
  std::string& text = file.text;
  std::vector<char> piece(1 << 16);
  while (in.read(piece.data(), std::streamsize(piece.size())) || in.gcount() > 0) {
    text.append(piece.data(), std::size_t(in.gcount()));
    if (text.size() > kMaxScenarioFileBytes)
      throw ScenarioError(path, "",
                          "the " + kind + " file holds more than " + std::to_string(kMaxScenarioFileBytes >> 20) +
                              " MiB; " + kind + " files are limited to that" +
                              (too_big_hint.empty() ? "" : " " + std::string(too_big_hint)));
  }

  check_text(text, path);
  YAML::Node doc;
  try {
    // Every document is read: one after the first would otherwise be dropped unread.
    check_one_document(text, path, "", "", std::string(article(noun)) + " " + kind + " file");
    doc = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    const std::string where =
        e.mark.is_null() ? path
                         : path + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
    // yaml-cpp stops at a fixed depth of nesting, saying only "bad file".
    const bool deep = dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr;
    throw ScenarioError(where, "",
                        deep ? std::string("invalid YAML: nested too deeply (lists and maps within each other)")
                             : "invalid YAML: " + e.msg);
  }
  file.root = from_yaml(doc, path);
  return file;
}

}  // namespace peaksim::scn
