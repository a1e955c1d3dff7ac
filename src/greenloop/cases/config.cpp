#include "greenloop/cases/config.h"

#include <fstream>
#include <sstream>

namespace gl::cases {
namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::InvalidArgument("data", "无法读取 " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

int IntOr(const json::object& o, std::string_view key, int fallback) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64() ? static_cast<int>(v->as_int64()) : fallback;
}

DeadlineRule RuleFrom(const json::value& v, DeadlineRule base) {
  if (!v.is_object()) return base;
  const auto& o = v.as_object();
  base.accept_days = IntOr(o, "accept_days", base.accept_days);
  base.resolve_days = IntOr(o, "resolve_days", base.resolve_days);
  base.remind_days_before = IntOr(o, "remind_days_before", base.remind_days_before);
  return base;
}

}  // namespace

// --- Taxonomy

Result<Taxonomy> Taxonomy::Parse(const std::string& json_text) {
  GL_ASSIGN_OR_RETURN(json::object root, ParseJsonObject(json_text));
  const auto* cats = root.if_contains("categories");
  if (cats == nullptr || !cats->is_array()) {
    return Error::InvalidArgument("categories", "categories 应为数组");
  }
  Taxonomy t;
  for (const auto& v : cats->as_array()) {
    if (!v.is_object()) return Error::InvalidArgument("categories", "分类项应为对象");
    const auto& o = v.as_object();
    Category parent{Str(o, "code"), Str(o, "name"), Str(o, "name_en"), "", {}};
    if (parent.code.empty() || parent.name.empty()) {
      return Error::InvalidArgument("categories", "分类缺少 code 或 name");
    }
    std::vector<Category> kids;
    if (const auto* ch = o.if_contains("children"); ch && ch->is_array()) {
      for (const auto& cv : ch->as_array()) {
        if (!cv.is_object()) return Error::InvalidArgument("categories", "子分类应为对象");
        const auto& co = cv.as_object();
        Category kid{Str(co, "code"), Str(co, "name"), Str(co, "name_en"), parent.code, {}};
        if (kid.code.empty() || kid.name.empty()) {
          return Error::InvalidArgument("categories", parent.code + " 的子分类缺少 code 或 name");
        }
        parent.children.push_back(kid.code);
        kids.push_back(std::move(kid));
      }
    }
    t.all_.push_back(std::move(parent));
    for (auto& k : kids) t.all_.push_back(std::move(k));
  }
  for (size_t i = 0; i < t.all_.size(); ++i) {
    for (size_t j = i + 1; j < t.all_.size(); ++j) {
      if (t.all_[i].code == t.all_[j].code) {
        return Error::InvalidArgument("categories", "分类代码重复：" + t.all_[i].code);
      }
    }
  }
  return t;
}

const Category* Taxonomy::Find(const std::string& code) const {
  for (const auto& c : all_) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

std::vector<const Category*> Taxonomy::Roots() const {
  std::vector<const Category*> out;
  for (const auto& c : all_) {
    if (c.parent.empty()) out.push_back(&c);
  }
  return out;
}

std::vector<std::string> Taxonomy::SelfAndDescendants(const std::string& code) const {
  std::vector<std::string> out;
  const Category* c = Find(code);
  if (c == nullptr) return out;
  out.push_back(c->code);
  for (const auto& k : c->children) out.push_back(k);
  return out;
}

std::string Taxonomy::RootOf(const std::string& code) const {
  const Category* c = Find(code);
  if (c == nullptr) return code;
  return c->parent.empty() ? c->code : c->parent;
}

// --- RoutingTable

Result<RoutingTable> RoutingTable::Parse(const std::string& json_text) {
  GL_ASSIGN_OR_RETURN(json::object root, ParseJsonObject(json_text));
  RoutingTable t;
  if (auto d = Str(root, "dispatcher_unit"); !d.empty()) t.dispatcher_unit = d;
  if (auto f = Str(root, "fallback_lead"); !f.empty()) t.fallback_lead = f;
  const auto* rules = root.if_contains("rules");
  if (rules == nullptr || !rules->is_array())
    return Error::InvalidArgument("rules", "rules 应为数组");
  for (const auto& v : rules->as_array()) {
    if (!v.is_object()) return Error::InvalidArgument("rules", "规则应为对象");
    const auto& o = v.as_object();
    RoutingRule r;
    r.category = Str(o, "category");
    r.subdistrict = Str(o, "subdistrict");
    if (r.subdistrict.empty()) r.subdistrict = "*";
    r.lead = Str(o, "lead");
    if (r.category.empty() || r.lead.empty()) {
      return Error::InvalidArgument("rules", "路由规则缺少 category 或 lead");
    }
    if (const auto* co = o.if_contains("co"); co && co->is_array()) {
      for (const auto& c : co->as_array()) {
        if (c.is_string()) r.co.emplace_back(c.as_string());
      }
    }
    t.rules_.push_back(std::move(r));
  }
  return t;
}

RoutingCodes RoutingTable::Route(const Taxonomy& taxonomy, const std::string& category,
                                 const std::string& subdistrict_code) const {
  // Candidates in order of preference: exact category with the named subdistrict,
  // exact with "*", parent with the subdistrict, parent with "*".
  std::vector<std::string> cats = {category};
  std::string root = taxonomy.RootOf(category);
  if (root != category) cats.push_back(root);
  const RoutingRule* best = nullptr;
  for (const auto& cat : cats) {
    for (const char* want : {"named", "*"}) {
      for (const auto& r : rules_) {
        if (r.category != cat) continue;
        bool named = std::string_view(want) == "named";
        if (named ? (r.subdistrict == subdistrict_code && !subdistrict_code.empty())
                  : r.subdistrict == "*") {
          best = &r;
          break;
        }
      }
      if (best) break;
    }
    if (best) break;
  }
  auto resolve = [&](const std::string& code) {
    return code == "$subdistrict" ? subdistrict_code : code;
  };
  RoutingCodes out;
  if (best != nullptr) {
    out.lead = resolve(best->lead);
    for (const auto& c : best->co) {
      std::string code = resolve(c);
      if (!code.empty() && code != out.lead) out.co.push_back(code);
    }
  }
  if (out.lead.empty()) out.lead = fallback_lead;
  return out;
}

// --- Deadlines

Result<Deadlines> Deadlines::Parse(const std::string& json_text) {
  GL_ASSIGN_OR_RETURN(json::object root, ParseJsonObject(json_text));
  Deadlines d;
  if (const auto* v = root.if_contains("default")) d.default_ = RuleFrom(*v, d.default_);
  if (const auto* ps = root.if_contains("priorities"); ps && ps->is_object()) {
    for (const auto& [p, v] : ps->as_object()) {
      if (!ParsePriority(p))
        return Error::InvalidArgument("priorities", "未知优先级：" + std::string(p));
      d.by_priority_[std::string(p)] = RuleFrom(v, d.default_);
    }
  }
  if (const auto* cs = root.if_contains("categories"); cs && cs->is_object()) {
    for (const auto& [cat, per] : cs->as_object()) {
      if (!per.is_object()) return Error::InvalidArgument("categories", "期限应为对象");
      for (const auto& [p, v] : per.as_object()) {
        d.by_category_[std::string(cat)][std::string(p)] = RuleFrom(v, d.default_);
      }
    }
  }
  if (const auto* e = root.if_contains("escalation"); e && e->is_object()) {
    d.escalation.level2_after_days =
        IntOr(e->as_object(), "level2_after_days", d.escalation.level2_after_days);
    d.escalation.level3_after_days =
        IntOr(e->as_object(), "level3_after_days", d.escalation.level3_after_days);
  }
  return d;
}

DeadlineRule Deadlines::For(const Taxonomy& taxonomy, const std::string& category,
                            Priority priority) const {
  std::string prio(PriorityName(priority));
  for (const std::string& cat : {category, taxonomy.RootOf(category)}) {
    auto it = by_category_.find(cat);
    if (it == by_category_.end()) continue;
    if (auto p = it->second.find(prio); p != it->second.end()) return p->second;
    // A category's "*" applies to normal priority; a higher priority keeps the
    // shorter of the two.
    if (auto s = it->second.find("*"); s != it->second.end()) {
      DeadlineRule r = s->second;
      if (auto bp = by_priority_.find(prio); bp != by_priority_.end()) {
        r.accept_days = std::min(r.accept_days, bp->second.accept_days);
        r.resolve_days = std::min(r.resolve_days, bp->second.resolve_days);
        r.remind_days_before = std::min(r.remind_days_before, bp->second.remind_days_before);
      }
      return r;
    }
  }
  if (auto bp = by_priority_.find(prio); bp != by_priority_.end()) return bp->second;
  return default_;
}

// --- ReplyTemplates

Result<ReplyTemplates> ReplyTemplates::Parse(const std::string& json_text) {
  GL_ASSIGN_OR_RETURN(json::object root, ParseJsonObject(json_text));
  ReplyTemplates t;
  const auto* all = root.if_contains("templates");
  if (all == nullptr || !all->is_object()) {
    return Error::InvalidArgument("templates", "templates 应为对象");
  }
  for (const auto& [cat, per] : all->as_object()) {
    if (!per.is_object()) return Error::InvalidArgument("templates", "模板应为对象");
    for (const auto& [action, text] : per.as_object()) {
      if (!text.is_string()) return Error::InvalidArgument("templates", "模板文本应为字符串");
      t.texts_[std::string(cat)][std::string(action)] = std::string(text.as_string());
    }
  }
  return t;
}

std::optional<std::string> ReplyTemplates::Raw(const std::string& category,
                                               const std::string& action) const {
  auto c = texts_.find(category);
  if (c == texts_.end()) return std::nullopt;
  auto a = c->second.find(action);
  if (a == c->second.end()) return std::nullopt;
  return a->second;
}

void ReplyTemplates::Set(const std::string& category, const std::string& action, std::string text) {
  texts_[category][action] = std::move(text);
}

std::string ReplyTemplates::Render(const Taxonomy& taxonomy, const std::string& category,
                                   const std::string& action,
                                   const std::map<std::string, std::string>& vars) const {
  std::optional<std::string> text = Raw(category, action);
  if (!text) text = Raw(taxonomy.RootOf(category), action);
  if (!text) text = Raw("*", action);
  if (!text) return {};
  std::string out;
  const std::string& s = *text;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '{') {
      size_t end = s.find('}', i);
      if (end != std::string::npos) {
        auto it = vars.find(s.substr(i + 1, end - i - 1));
        if (it != vars.end()) {
          out += it->second;
          i = end + 1;
          continue;
        }
      }
    }
    out += s[i++];
  }
  return out;
}

json::object ReplyTemplates::ToJson() const {
  json::object out;
  for (const auto& [cat, per] : texts_) {
    json::object o;
    for (const auto& [a, t] : per) o[a] = t;
    out[cat] = std::move(o);
  }
  return out;
}

// --- all of it

Result<CaseConfig> LoadCaseConfig(const std::string& data_dir) {
  CaseConfig cfg;
  auto load = [&](const std::string& name, auto parse) -> Status {
    std::string path = data_dir + "/cases/" + name;
    GL_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
    auto r = parse(text);
    if (!r.ok())
      return Error::InvalidArgument(r.error().field(), path + ": " + r.error().message());
    return Status::Ok();
  };
  GL_RETURN_IF_ERROR(load("categories.json", [&](const std::string& t) -> Status {
    GL_ASSIGN_OR_RETURN(cfg.taxonomy, Taxonomy::Parse(t));
    return Status::Ok();
  }));
  GL_RETURN_IF_ERROR(load("routing.json", [&](const std::string& t) -> Status {
    GL_ASSIGN_OR_RETURN(cfg.routing, RoutingTable::Parse(t));
    return Status::Ok();
  }));
  GL_RETURN_IF_ERROR(load("deadlines.json", [&](const std::string& t) -> Status {
    GL_ASSIGN_OR_RETURN(cfg.deadlines, Deadlines::Parse(t));
    return Status::Ok();
  }));
  GL_RETURN_IF_ERROR(load("templates.json", [&](const std::string& t) -> Status {
    GL_ASSIGN_OR_RETURN(cfg.templates, ReplyTemplates::Parse(t));
    return Status::Ok();
  }));
  GL_ASSIGN_OR_RETURN(cfg.calendar,
                      WorkCalendar::LoadFile(data_dir + "/calendar/holidays-cn.json"));
  for (const auto& r : cfg.routing.rules()) {
    if (cfg.taxonomy.Find(r.category) == nullptr) {
      return Error::InvalidArgument("rules", "routing.json: 未知分类 " + r.category);
    }
  }
  return cfg;
}

}  // namespace gl::cases
