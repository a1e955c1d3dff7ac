#include "cases/case_fixture.h"

#include <fstream>
#include <sstream>

#include "greenloop/cases/geo.h"
#include "greenloop/cases/store.h"
#include "greenloop/monitoring/demo.h"
#include "greenloop/monitoring/store.h"
#include "greenloop/org/demo.h"

namespace gl::cases::testing {

json::object ReadJsonFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto parsed = ParseJsonObject(ss.str());
  if (!parsed.ok()) {
    ADD_FAILURE() << path << ": " << parsed.error().ToString();
    return {};
  }
  return std::move(parsed).value();
}

const json::object& TransitionTable() {
  static const json::object table =
      ReadJsonFile(std::string(GL_SOURCE_DIR) + "/tests/data/cases/transitions.json");
  return table;
}

void CaseServiceTest::SetUp() {
  StoreTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  std::string data = std::string(GL_SOURCE_DIR) + "/data";
  auto loaded = org::LoadDemoOrganisation(db(), data + "/demo", true);
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  auto sites = monitoring::LoadDemoSites(db(), data + "/demo");
  ASSERT_TRUE(sites.ok()) << sites.error().ToString();
  org::OrgOptions oo;
  oo.fast_password_hashing = true;
  org_ = std::make_unique<org::OrgService>(db(), oo);
  auto cfg = LoadCaseConfig(data);
  ASSERT_TRUE(cfg.ok()) << cfg.error().ToString();
  std::ifstream in(data + "/demo/subdistricts.geojson");
  std::stringstream ss;
  ss << in.rdbuf();
  auto loc = SubdistrictLocator::FromGeoJson(ss.str());
  ASSERT_TRUE(loc.ok());
  auto shared = std::make_shared<SubdistrictLocator>(std::move(loc).value());
  now_ = *ParseTime("2026-11-30T10:00:00+08:00");
  CaseOptions options;
  options.clock = [this] { return now_; };
  options.locate_subdistrict = [shared](const GeoPoint& p) { return shared->Locate(p); };
  cases_ = std::make_unique<CaseService>(db(), std::move(cfg).value(), options);
}

void CaseServiceTest::TearDown() {
  cases_.reset();
  org_.reset();
  StoreTest::TearDown();
}

const org::Actor& CaseServiceTest::As(const std::string& login) {
  auto it = actors_.find(login);
  if (it != actors_.end()) return it->second;
  std::string person = login;
  bool read_token = false;
  if (auto colon = login.find(':'); colon != std::string::npos) {
    person = login.substr(0, colon);
    read_token = true;
  }
  auto signed_in = org_->Login(person, "greenloop-demo");
  EXPECT_TRUE(signed_in.ok()) << login;
  org::Actor actor = signed_in->actor;
  if (read_token) {
    org::TokenInput ti;
    ti.name = "test";
    ti.scope = "read";
    ti.person_id = actor.person_id;
    auto token = org_->IssueToken(As("admin"), ti);
    EXPECT_TRUE(token.ok()) << token.error().ToString();
    auto via = org_->AuthenticateToken(token->token);
    EXPECT_TRUE(via.ok());
    actor = via.value();
  }
  return actors_.emplace(login, actor).first->second;
}

Id CaseServiceTest::UnitId(const std::string& code) {
  auto u = db().Query([&](soci::session& sql) -> Result<std::optional<store::UnitInfo>> {
    return store::FindUnitByCode(sql, code);
  });
  EXPECT_TRUE(u.ok() && u->has_value()) << code;
  return (*u)->id;
}

Id CaseServiceTest::SiteId(const std::string& code) {
  auto s = db().Query([&](soci::session& sql) -> Result<std::optional<monitoring::Site>> {
    return monitoring::store::FindSiteByCode(sql, code);
  });
  EXPECT_TRUE(s.ok() && s->has_value()) << code;
  return (*s)->id;
}

PublicIntakeResult CaseServiceTest::Complaint(const std::string& description,
                                              std::optional<Reporter> contact) {
  PublicIntake in;
  in.category = "air.fume";
  in.description = description;
  in.location = GeoPoint{106.5142, 29.5553};  // beside rst-hlq-001, in 化龙桥
  in.address = "化龙桥某小区临街商铺";
  in.contact = std::move(contact);
  auto r = cases_->CreateFromPublic(in);
  EXPECT_TRUE(r.ok()) << r.error().ToString();
  return r.value();
}

Case CaseServiceTest::Do(const std::string& login, Id id, Action action, ActionInput in) {
  auto r = cases_->Transition(As(login), id, action, in);
  EXPECT_TRUE(r.ok()) << login << " " << ActionName(action) << ": " << r.error().ToString();
  if (!r.ok()) return {};
  return r->view.c;
}

Case CaseServiceTest::CaseIn(const std::string& status) {
  Case c = Complaint().created;
  if (status == "reported") return c;
  if (status == "merged") {
    Case target = Complaint("同一家店的油烟").created;
    ActionInput in;
    in.into_id = target.id;
    return Do("eeb.officer", c.id, Action::kMerge, in);
  }
  c = Do("eeb.officer", c.id, Action::kAccept);
  if (status == "accepted") return c;
  if (status == "rejected") {
    ActionInput in;
    in.reason = "duplicate";
    in.note = "与已受理案件重复";
    return Do("eeb.officer", c.id, Action::kReject, in);
  }
  c = Do("eeb.officer", c.id, Action::kDispatch);
  if (status == "dispatched") return c;
  c = Do("hlq.officer", c.id, Action::kStart);
  if (status == "in_progress") return c;
  ActionInput res;
  res.result = "已责令加装油烟净化器";
  c = Do("hlq.officer", c.id, Action::kResolve, res);
  if (status == "resolved") return c;
  c = Do("inspector", c.id, Action::kVerify);
  if (status == "verified") return c;
  c = Do("inspector", c.id, Action::kClose);
  EXPECT_EQ(status, "closed");
  return c;
}

}  // namespace gl::cases::testing
