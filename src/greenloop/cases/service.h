// greenloop/cases/service.h
//
// The closed-loop cases: intake (staff, the public, alarms), the state machine's
// transitions with their permissions, routing, working-day deadlines, escalation,
// the timeline and notifications. Every staff call checks the actor first
// (state_machine.h decides who may take which action), runs in one transaction,
// and writes an audit event (org/audit_change.h, object type "case") and a
// timeline entry with the change. Errors:
//   kUnauthenticated  no actor
//   kForbidden        the role may not take this action on this case / may not list
//   kNotFound         no such case, or one outside the actor's scope (reads as absent)
//   kConflict         the action is not allowed in the case's current status
//   kInvalidArgument  a missing or bad field (named)
// The public calls (CreateFromPublic, TrackPublic, RateByCitizen, ReopenByCitizen)
// need no actor; a wrong number or tracking code is kNotFound, the same for both.
//
// Thread-safe: the service holds only configuration; state lives in the database.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/cases/config.h"
#include "greenloop/cases/model.h"
#include "greenloop/db/database.h"
#include "greenloop/org/model.h"

namespace gl::cases {

struct CaseOptions {
  std::string number_prefix = "YZ";
  // The clock every deadline and escalation is measured by (tests fake it; the demo
  // may scale it, see ScaledClock).
  std::function<TimeMs()> clock = [] { return NowMs(); };
  TimeMs reopen_window_ms = 7LL * 24 * 3600 * 1000;  // the citizen's reopen window after closure
  double duplicate_radius_m = 200;
  TimeMs duplicate_window_ms = 48LL * 3600 * 1000;
  // Which subdistrict (unit code) a point lies in; empty when outside every one.
  std::function<std::string(const GeoPoint&)> locate_subdistrict;
};

// A clock that runs `scale` times faster than the real one from the moment it is made.
std::function<TimeMs()> ScaledClock(double scale);

// Staff intake: a hotline call, an inspection or a patrol finding.
struct StaffIntake {
  Source source = Source::kHotline;
  std::string category;
  std::string title;
  std::string description;
  std::optional<GeoPoint> location;
  std::string address;
  std::optional<Id> site_id;
  std::optional<Reporter> reporter;
  std::optional<Priority> priority;
  // Where the matter is; by default the site's subdistrict or the point's.
  std::optional<Id> subdistrict_id;
};
struct StaffIntakeResult {
  Case created;
  std::vector<DuplicateOffer> duplicates;  // open, same category, within 200 m and 48 h
};

// Public intake (the complaint form, Open311). `source` is kComplaint unless the
// caller knows better; `title` may be empty (made from the category and address).
// attachment_ids are linked to the new case in its transaction (AttachmentHooks).
struct PublicIntake {
  Source source = Source::kComplaint;
  std::string category;
  std::string title;
  std::string description;
  std::optional<GeoPoint> location;
  std::string address;
  std::optional<Reporter> contact;
  std::vector<Id> attachment_ids;
  std::string channel;  // "web", "open311:<client>" ... kept in the create entry's data
};
struct PublicIntakeResult {
  Case created;
  std::string tracking_code;          // the secret, shown once; only its hash is stored
  std::optional<TimeMs> expected_at;  // the acceptance deadline (then the resolve one)
};

// The fields of a transition (POST /cases/{id}/<action>); which are required
// depends on the action (state_machine.h: RequiredFields).
struct ActionInput {
  std::string note;
  std::string reason;  // reject: not_ours|duplicate|invalid; return/send_back/reopen: free text
  std::string result;  // resolve
  std::optional<Id> lead_unit_id;
  std::optional<std::vector<Id>> co_unit_ids;
  std::optional<TimeMs> due_at;
  std::optional<Id> into_id;  // merge
  std::vector<Id> attachment_ids;
  std::string text;        // note
  bool is_public = false;  // note
};

// A case with what the reading actor may see and do.
struct CaseView {
  Case c;
  bool overdue = false;
  std::vector<std::string> actions;  // ActionName()s the actor may take now
  bool show_reporter = false;        // staff with scope only
};
struct CaseDetail {
  CaseView view;
  std::vector<TimelineEntry> timeline;  // all for staff; public ones for the public
  std::vector<AttachmentRef> attachments;
};

// The citizen's view: public timeline entries only, no personal data.
struct PublicCaseView {
  Case c;                               // reporter cleared
  std::vector<TimelineEntry> timeline;  // public entries only
  std::optional<TimeMs> expected_at;
  bool can_rate = false;
  bool can_reopen = false;
};

struct RoutingAnswer {
  std::optional<UnitRef> lead_unit;
  std::vector<UnitRef> co_units;
};

// Attachments are stored by the cases-public part; the service calls these, when
// set, inside the case's transaction.
struct AttachmentHooks {
  // Links attachments to a case on behalf of `person_id` (the acting staff member;
  // 0 for the public); kInvalidArgument/kNotFound for unknown or foreign ids.
  std::function<Status(soci::session&, Id case_id, const std::vector<Id>& attachment_ids,
                       Id person_id)>
      link;
  std::function<std::vector<AttachmentRef>(soci::session&, Id case_id)> list;
};

// Escalation/notification fan-out for webhooks: called after a notification's
// transaction committed, off the request thread is the callee's business.
using UnitEventListener = std::function<void(Id unit_id, const std::string& kind, const Case& c,
                                             const std::string& text)>;

class CaseService {
 public:
  CaseService(db::Database& db, CaseConfig config, CaseOptions options);
  ~CaseService();

  // --- intake
  Result<StaffIntakeResult> CreateByStaff(const org::Actor& actor, const StaffIntake& input);
  Result<PublicIntakeResult> CreateFromPublic(const PublicIntake& input);

  // --- reading (staff)
  Result<Page<CaseView>> List(const org::Actor& actor, const CaseFilter& filter, int offset,
                              int limit);
  Result<CaseDetail> Get(const org::Actor& actor, Id id);
  // No permission check: for the public and Open311 parts, which check the code themselves.
  Result<Case> FindByNumber(const std::string& number);
  Result<Case> FindById(Id id);

  // --- transitions (staff): the twelve StaffActions(); returns the case afterwards.
  Result<CaseDetail> Transition(const org::Actor& actor, Id id, Action action,
                                const ActionInput& input);

  // --- the public, with the tracking code
  Result<PublicCaseView> TrackPublic(const std::string& number, const std::string& code);
  Result<PublicCaseView> RateByCitizen(const std::string& number, const std::string& code,
                                       int satisfaction, const std::string& comment);
  Result<PublicCaseView> ReopenByCitizen(const std::string& number, const std::string& code,
                                         const std::string& reason);

  // --- routing and configuration
  Result<RoutingAnswer> Route(const std::string& category, std::optional<Id> subdistrict_id);
  const CaseConfig& config() const { return config_; }
  // Admin edits of reply templates (audited); kForbidden for non-admins.
  Status SetTemplate(const org::Actor& actor, const std::string& category,
                     const std::string& action, const std::string& text);
  json::object Templates() const;

  // --- alarms (the alarms::CaseHandoff implementation calls these)
  // Opens a case for a site's problem, or attaches the alarm to the open case with the
  // same site and problem_key. Returns the case and whether it was opened.
  struct AlarmIntake {
    Id alarm_id = 0;
    Id site_id = 0;
    std::string problem_key;
    std::string category;  // taxonomy code chosen from the alarm's site kind and factor
    std::string title, description;
    Priority priority = Priority::kNormal;
    TimeMs started_at = 0;
  };
  Result<std::pair<Case, bool>> OpenOrAttachForAlarm(const AlarmIntake& input);

  // --- deadlines and escalation
  // One pass: escalates every open case whose running deadline (or next level) has
  // passed at clock(); sends reminders at remind_at. Returns how many cases changed.
  Result<int> RunEscalation();

  // --- notifications
  Result<Page<Notification>> Notifications(const org::Actor& actor, bool unread_only, int offset,
                                           int limit);
  Status MarkNotificationsRead(const org::Actor& actor, const std::vector<Id>& ids);

  // --- webhooks (admins): a unit's URL, POSTed on dispatches and escalations.
  // Only http:// URLs (an internal network's receiver); "" removes the hook.
  Result<std::optional<std::string>> Webhook(const org::Actor& actor, Id unit_id);
  Status SetWebhook(const org::Actor& actor, Id unit_id, const std::string& url);
  // The URL for a unit, without a permission check (the webhook sender).
  std::optional<std::string> WebhookFor(Id unit_id);

  void SetAttachmentHooks(AttachmentHooks hooks) { attachments_ = std::move(hooks); }
  void OnUnitEvent(UnitEventListener listener) { unit_event_ = std::move(listener); }

  TimeMs Now() const { return options_.clock(); }
  db::Database& database() { return db_; }
  const CaseOptions& options() const { return options_; }

 private:
  struct Impl;
  db::Database& db_;
  CaseConfig config_;
  CaseOptions options_;
  AttachmentHooks attachments_;
  UnitEventListener unit_event_;
  std::unique_ptr<Impl> impl_;
  friend struct ServiceAccess;
};

}  // namespace gl::cases
