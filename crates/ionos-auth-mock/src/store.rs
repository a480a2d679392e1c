//! The in-memory token store and the clock token expiry is judged by.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// Wall-clock time in Unix seconds, shifted by an offset tests can advance (shared by clones),
/// so expiry can be tested without waiting.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset: Arc<AtomicI64>,
}

impl Clock {
    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or_default();
        real + self.offset.load(Ordering::Relaxed)
    }

    /// Moves the clock forward by `seconds`.
    pub fn advance(&self, seconds: i64) {
        self.offset.fetch_add(seconds, Ordering::Relaxed);
    }
}

/// A token the mock issued and has not deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    /// Key ID: the JWT's `kid` and `jti`.
    pub id: String,
    /// The user it was issued to.
    pub user: String,
    /// The contract it was issued for.
    pub contract: i32,
    /// Issued at (Unix seconds).
    pub created: i64,
    /// Expires at (Unix seconds).
    pub expires: i64,
}

impl TokenRecord {
    /// Whether the token has expired at `now`.
    pub fn expired(&self, now: i64) -> bool {
        self.expires <= now
    }
}

/// Tokens by issue order.
#[derive(Debug, Default)]
pub struct Store {
    tokens: Vec<TokenRecord>,
}

impl Store {
    /// Adds a token.
    pub fn insert(&mut self, record: TokenRecord) {
        self.tokens.push(record);
    }

    /// A token by id.
    pub fn get(&self, id: &str) -> Option<&TokenRecord> {
        self.tokens.iter().find(|t| t.id == id)
    }

    /// The tokens of `user` for `contract`.
    pub fn of(&self, user: &str, contract: i32) -> Vec<TokenRecord> {
        self.tokens
            .iter()
            .filter(|t| t.user == user && t.contract == contract)
            .cloned()
            .collect()
    }

    /// Removes the tokens of `user` for `contract` that `doomed` selects; how many went.
    pub fn remove_where(
        &mut self,
        user: &str,
        contract: i32,
        doomed: impl Fn(&TokenRecord) -> bool,
    ) -> usize {
        let before = self.tokens.len();
        self.tokens
            .retain(|t| !(t.user == user && t.contract == contract && doomed(t)));
        before - self.tokens.len()
    }

    /// How many tokens exist.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_advances_for_all_clones() {
        let c = Clock::default();
        let before = c.now();
        c.clone().advance(100);
        assert!(c.now() >= before + 100);
    }

    #[test]
    fn removal_is_scoped_to_user_and_contract() {
        let mut s = Store::default();
        for (id, user, contract) in [("a", "u", 1), ("b", "u", 2), ("c", "v", 1)] {
            s.insert(TokenRecord {
                id: id.into(),
                user: user.into(),
                contract,
                created: 0,
                expires: 10,
            });
        }
        assert_eq!(s.remove_where("u", 1, |_| true), 1);
        assert_eq!(s.len(), 2);
        assert!(s.get("a").is_none() && s.get("b").is_some());
    }
}
