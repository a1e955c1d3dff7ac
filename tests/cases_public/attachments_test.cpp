// The attachment store on SQLite and PostgreSQL: type by content, size limit,
// storage by content hash, and who may link what to a case.
#include <gtest/gtest.h>

#include <filesystem>

#include "greenloop/base/crypto.h"
#include "greenloop/cases/attachments.h"
#include "support/test_db.h"

namespace gl {
namespace {

namespace fs = std::filesystem;
using cases::AttachmentStore;

std::string Jpeg(const std::string& tail = "jpeg-body") {
  return std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11) + tail;
}
std::string Png() { return std::string("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16); }
std::string Webp() { return std::string("RIFF\x24\x00\x00\x00WEBPVP8 ", 16); }

class AttachmentsTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    dir_ = fs::temp_directory_path() / ("gl-files-" + RandomHex(6));
    store_ = std::make_unique<AttachmentStore>(db(), cases::AttachmentOptions{dir_, 1000});
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
    StoreTest::TearDown();
  }
  // A minimal case row for the foreign key (the cases schema of migration 5).
  Id InsertCase() {
    Id id = NewId();
    std::string number = "YZ-T-" + std::to_string(id);
    Status s = db().Run([&](soci::session& sql) {
      long long i = id, now = 1;
      sql << "INSERT INTO cases (id, number, source, category, title, description, priority,"
             " status, created_at, updated_at) VALUES (:id, :n, 'complaint', 'air.fume', 't',"
             " 'd', 'normal', 'reported', :c, :u)",
          soci::use(i), soci::use(number), soci::use(now), soci::use(now);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.error().ToString();
    return id;
  }
  Status Link(Id case_id, std::vector<Id> ids, Id person) {
    return db().RunInTransaction(
        [&](soci::session& sql) { return cases::LinkAttachments(sql, case_id, ids, person); });
  }
  fs::path dir_;
  std::unique_ptr<AttachmentStore> store_;
};

TEST(SniffTest, ImageTypesByMagicBytesOnly) {
  EXPECT_EQ(cases::SniffImageType(Jpeg()), "image/jpeg");
  EXPECT_EQ(cases::SniffImageType(Png()), "image/png");
  EXPECT_EQ(cases::SniffImageType(Webp()), "image/webp");
  EXPECT_FALSE(cases::SniffImageType("GIF89a......"));
  EXPECT_FALSE(cases::SniffImageType("%PDF-1.7"));
  EXPECT_FALSE(cases::SniffImageType("RIFF\x24\x00\x00\x00WAVEfmt "));  // RIFF, not WebP
  EXPECT_FALSE(cases::SniffImageType(std::string("\xFF\xD8", 2)));
  EXPECT_FALSE(cases::SniffImageType(""));
}

TEST(SniffTest, Sha256OfKnownInput) {
  // FIPS 180-2 example: SHA-256("abc").
  EXPECT_EQ(cases::Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_P(AttachmentsTest, StoresByContentHashOnceAndRowPerUpload) {
  auto a = store_->Put(Jpeg(), "现场.jpg", 42);
  ASSERT_GL_OK(a);
  EXPECT_EQ(a->content_type, "image/jpeg");
  EXPECT_EQ(a->sha256, cases::Sha256Hex(Jpeg()));
  fs::path expected = dir_ / a->sha256.substr(0, 2) / a->sha256;
  EXPECT_TRUE(fs::exists(expected));
  auto b = store_->Put(Jpeg(), "again.jpg", 43);
  ASSERT_GL_OK(b);
  EXPECT_NE(a->id, b->id);
  EXPECT_EQ(a->sha256, b->sha256);
  size_t files = 0;
  for (auto& e : fs::recursive_directory_iterator(dir_)) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);  // one file for one content, no temporaries left
  auto read = store_->ReadBytes(*store_->Get(b->id));
  ASSERT_GL_OK(read);
  EXPECT_EQ(*read, Jpeg());
  EXPECT_EQ(store_->Get(a->id)->name, "现场.jpg");
}

TEST_P(AttachmentsTest, RefusesWhatIsNotAnImageOrTooLarge) {
  auto gif = store_->Put("GIF89a-not-accepted", "x.jpg", 1);  // a .jpg name changes nothing
  ASSERT_FALSE(gif.ok());
  EXPECT_EQ(gif.error().code(), ErrorCode::kUnsupportedMedia);
  auto html = store_->PutPublic("<html><script>alert(1)</script>");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().code(), ErrorCode::kUnsupportedMedia);
  auto big = store_->Put(Jpeg(std::string(2000, 'x')), "big.jpg", 1);  // limit 1000 here
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code(), ErrorCode::kPayloadTooLarge);
  auto empty = store_->Put("", "e.jpg", 1);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(dir_) && !fs::is_empty(dir_));  // nothing written for refusals
}

TEST_P(AttachmentsTest, StaffLinkOnlyTheirOwnUnlinkedUploads) {
  Id case1 = InsertCase(), case2 = InsertCase();
  auto mine = store_->Put(Png(), "a.png", 7);
  auto theirs = store_->Put(Webp(), "b.webp", 8);
  ASSERT_GL_OK(mine);
  ASSERT_GL_OK(theirs);
  Status s = Link(case1, {mine->id, theirs->id}, 7);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field(), "attachment_ids");
  EXPECT_FALSE(store_->Get(mine->id)->case_id);  // rolled back: nothing linked
  ASSERT_GL_OK(Link(case1, {mine->id}, 7));
  ASSERT_GL_OK(Link(case1, {mine->id}, 7));         // again on the same case: fine
  EXPECT_FALSE(Link(case2, {mine->id}, 7).ok());    // not onto another case
  EXPECT_FALSE(Link(case1, {theirs->id}, 0).ok());  // the public cannot take staff uploads
  auto refs = db().Query([&](soci::session& sql) {
    return Result<std::vector<cases::AttachmentRef>>(cases::CaseAttachmentRefs(sql, case1));
  });
  ASSERT_GL_OK(refs);
  ASSERT_EQ(refs->size(), 1u);
  EXPECT_EQ((*refs)[0].url, "/api/v1/attachments/" + std::to_string(mine->id));
}

TEST_P(AttachmentsTest, PublicPhotoTokensAreClaimedOnce) {
  auto photo = store_->PutPublic(Jpeg("p"));
  ASSERT_GL_OK(photo);
  const std::string token = photo->second;
  EXPECT_EQ(token.size(), 32u);
  auto ids =
      db().Query([&](soci::session& sql) { return cases::ResolvePhotoTokens(sql, {token}); });
  ASSERT_GL_OK(ids);
  ASSERT_EQ(ids->size(), 1u);
  EXPECT_EQ((*ids)[0], photo->first.id);
  Id case1 = InsertCase(), case2 = InsertCase();
  EXPECT_FALSE(Link(case1, *ids, 7).ok());  // staff cannot take a public photo by id
  ASSERT_GL_OK(Link(case1, *ids, 0));
  EXPECT_FALSE(Link(case2, *ids, 0).ok());  // claimed
  auto again =
      db().Query([&](soci::session& sql) { return cases::ResolvePhotoTokens(sql, {token}); });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().field(), "photos");
  auto bogus =
      db().Query([&](soci::session& sql) { return cases::ResolvePhotoTokens(sql, {"nope"}); });
  EXPECT_FALSE(bogus.ok());
  // Only the token's hash was ever stored.
  auto stored = db().Query([&](soci::session& sql) -> Result<long long> {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM case_attachments WHERE public_token_hash = :t", soci::use(token),
        soci::into(n);
    return n;
  });
  ASSERT_GL_OK(stored);
  EXPECT_EQ(*stored, 0);
}

GL_INSTANTIATE_STORE_TEST(AttachmentsTest);

}  // namespace
}  // namespace gl
