//! Task-locals flow like C#'s AsyncLocal: across awaits, and into tasks spawned in scope.

use async_lower_runtime::{block_on, sleep, spawn, task_local, yield_now};
use std::time::Duration;

task_local! {
    static REQUEST_ID: u32;
    static USER: String;
}

#[test]
fn a_value_flows_across_awaits() {
    block_on(REQUEST_ID.scope(7, async {
        assert_eq!(REQUEST_ID.get(), 7);
        yield_now().await;
        assert_eq!(REQUEST_ID.get(), 7);
        sleep(Duration::from_millis(1)).await;
        assert_eq!(REQUEST_ID.get(), 7);
    }));
    assert_eq!(REQUEST_ID.try_get(), None, "gone outside the scope");
}

#[test]
fn spawned_tasks_get_a_copy_of_the_scope() {
    let (inside, nested) = block_on(async {
        let outside = spawn(async { REQUEST_ID.try_get() });
        let (inside, nested) = REQUEST_ID
            .scope(1, async {
                // Spawned inside the scope, run after the scope has ended.
                let inside = spawn(async {
                    yield_now().await;
                    (REQUEST_ID.get(), USER.try_get())
                });
                let nested = USER
                    .scope("ada".to_string(), async { Some(spawn(async { (REQUEST_ID.get(), USER.get()) })) })
                    .await
                    .expect("spawned");
                (inside, nested)
            })
            .await;
        assert_eq!(outside.await, None, "a task spawned outside the scope sees nothing");
        (inside.await, nested.await)
    });
    assert_eq!(inside, (1, None));
    assert_eq!(nested, (1, "ada".to_string()));
}

#[test]
fn a_child_scope_does_not_leak_into_the_parent() {
    block_on(REQUEST_ID.scope(1, async {
        let child = spawn(REQUEST_ID.scope(2, async {
            yield_now().await;
            REQUEST_ID.get()
        }));
        yield_now().await;
        assert_eq!(REQUEST_ID.get(), 1);
        assert_eq!(child.await, 2);
        assert_eq!(REQUEST_ID.get(), 1);
        assert_eq!(REQUEST_ID.sync_scope(3, || REQUEST_ID.get()), 3);
        assert_eq!(REQUEST_ID.get(), 1);
    }));
}

#[test]
fn reading_outside_a_scope_panics_with_the_name() {
    let err = std::panic::catch_unwind(|| REQUEST_ID.get()).unwrap_err();
    assert!(err.downcast_ref::<String>().unwrap().contains("REQUEST_ID"));
}
