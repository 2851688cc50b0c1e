/**
 * Type tests (issue 15 A.6, A.7): a loader path follows its relationships' targets, and options()
 * of a statement selecting one entity takes only options whose columns it has and whose path
 * starts at one of its relationships (a static of its class). A relationship's type carries its
 * target and its backPopulates name, which together name its owner: `Comment.post`
 * (`Relationship<Post, "comments">`) is not `User.posts` (`Relationship<Post, "author">`). Two
 * relationships to one target without backPopulates are alike to the types.
 */
import { expectTypeOf } from "vitest";
import {
  aliased,
  containsEager,
  defer,
  joinedload,
  type LoaderOption,
  loadOnly,
  noload,
  type Relationship,
  raiseload,
  type Session,
  select,
  selectinload,
  undefer,
} from "../../src/index.js";
import { Comment, Post, User } from "./blog-models.js";

declare const db: Session;

// Chains: each relationship belongs to the previous one's target.
joinedload(User.posts).selectinload(Post.comments);
selectinload(User.posts).joinedload(Post.comments).joinedload(Comment.author);
selectinload(Post.comments).raiseload(Comment.post).noload(Post.author);
joinedload(Comment.post).containsEager(Post.author).loadOnly(User.email);
joinedload(User.posts).loadOnly(Post.title).defer(Post.authorId).undefer(Post.id);
expectTypeOf(joinedload(User.posts).selectinload(Post.comments)).toEqualTypeOf<
  LoaderOption<unknown, Comment, Relationship<Post, "author">>
>();
expectTypeOf(loadOnly(User.email)).toEqualTypeOf<LoaderOption<{ readonly email: string }, any, never>>();

// @ts-expect-error User.posts leads to Post, and Post has no relationship to Post
joinedload(User.posts).selectinload(User.posts);
// @ts-expect-error Comment.post belongs to Comment, not to the path's end (Post)
selectinload(User.posts).joinedload(Comment.post);
// @ts-expect-error Post.title is not a column of the path's end (User)
joinedload(Post.author).loadOnly(Post.title);
// @ts-expect-error Post.title is not a column of the path's end (Comment)
selectinload(Post.comments).defer(Post.title);

// options() of a statement selecting one entity: the options must belong to it.
select(User).options(joinedload(User.posts), loadOnly(User.email, User.nickname));
select(User).options(selectinload(User.posts).selectinload(Post.comments), defer(User.nickname));
select(Post).options(raiseload(Post.author), undefer(Post.title), noload(Post.comments));
select(Post).join(Post.author).options(containsEager(Post.author));
select(aliased(Comment)).options(joinedload(Comment.author));
db.query(User).options(selectinload(User.comments).joinedload(Comment.post));
select(User).options(
  joinedload(User.posts).loadOnly(Post.title),
  selectinload(User.comments).defer(Comment.body),
);
select(aliased(User)).options(selectinload(User.posts), loadOnly(User.email));
const userOptions = [joinedload(User.posts), loadOnly(User.email)];
select(User).options(...userOptions);
// Several entities or columns: no check (an option may apply to any of them).
select(User, Post).options(loadOnly(Post.title), joinedload(User.posts));
select(User.id).options(loadOnly(Post.title));

// @ts-expect-error Post.title is not a column of the selected User
select(User).options(loadOnly(Post.title));
// @ts-expect-error Comment.body is not a column of the selected Post
select(Post).options(defer(Comment.body));
// @ts-expect-error on an alias too
select(aliased(User)).options(loadOnly(Comment.body));

// @ts-expect-error Post.author does not leave from the selected User
select(User).options(joinedload(Post.author));
// @ts-expect-error also after a path's first step, and beside correct options
select(User).options(loadOnly(User.email), selectinload(Comment.author).selectinload(User.posts));
// @ts-expect-error every loader: Comment.post belongs to Comment (Post has no relationship to Post)
select(Post).options(raiseload(Comment.post));
// @ts-expect-error containsEager too
select(Post).join(Post.author).options(containsEager(User.posts));
// @ts-expect-error on an alias of the entity
select(aliased(Post)).options(selectinload(User.posts));
// @ts-expect-error db.query() checks the same
db.query(Comment).options(joinedload(Post.comments));
// @ts-expect-error spread arrays of options are checked as well
select(Post).options(...userOptions);
// @ts-expect-error Comment.post leads to Post as User.posts does, but backPopulates tells them apart
select(User).options(joinedload(Comment.post));
// @ts-expect-error a one-to-one side too: Post.author is not Comment.author
select(Comment).options(selectinload(Post.author));
// @ts-expect-error db.query() checks the same
db.query(User).options(raiseload(Comment.post).joinedload(Post.author));
