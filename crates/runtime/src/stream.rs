//! [`ByteStream`]: a whole binary body (`application/octet-stream`, `*/*`, `image/png`…) as a
//! stream of chunks, sent and received without holding it all in memory.

use std::error::Error as StdError;
use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use futures_util::stream::{BoxStream, Stream, StreamExt};

use crate::Binary;

/// Why a chunk of a [`ByteStream`] could not be read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StreamError {
    /// More bytes than allowed arrived (a server answers this with 413).
    #[error("the body is larger than {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The source of the chunks failed (a connection closed early, a file could not be read).
    #[error("the body cannot be read: {0}")]
    Read(String),
}

enum Source {
    /// Bytes at hand: given once, then done (and resendable until read).
    Buffered(Option<Bytes>),
    /// Chunks from elsewhere.
    Stream(BoxStream<'static, Result<Bytes, StreamError>>),
}

/// A binary body read or written chunk by chunk.
///
/// Made from bytes at hand (`From<Binary>`, `From<Vec<u8>>`, `From<&str>`…) or from any
/// stream of chunks ([`ByteStream::from_stream`]); read as a [`Stream`] of `Result<Bytes,
/// StreamError>`, with [`ByteStream::next_chunk`], or whole with [`ByteStream::collect`].
///
/// Clones are handles to the same body: a chunk read through one is not read again through
/// another. Two streams are equal when both are bytes at hand and the bytes are equal, or when
/// they are the same body.
#[derive(Clone)]
pub struct ByteStream(Arc<Mutex<Source>>);

impl ByteStream {
    /// A body from a stream of chunks (a file, a channel, another response's body).
    pub fn from_stream<S, T, E>(stream: S) -> Self
    where
        S: Stream<Item = Result<T, E>> + Send + 'static,
        T: Into<Bytes>,
        E: Into<Box<dyn StdError + Send + Sync>>,
    {
        let chunks = stream.map(|r| r.map(Into::into).map_err(|e| read_error(e.into())));
        Self::new(Source::Stream(chunks.boxed()))
    }

    fn new(source: Source) -> Self {
        ByteStream(Arc::new(Mutex::new(source)))
    }

    /// The whole body when it is bytes at hand not yet read (what can be sent again on
    /// retry), without copying; `None` for a stream.
    pub fn buffered_bytes(&self) -> Option<Bytes> {
        match &*self.lock() {
            Source::Buffered(bytes) => Some(bytes.clone().unwrap_or_default()),
            Source::Stream(_) => None,
        }
    }

    /// The next chunk; `None` at the end.
    pub async fn next_chunk(&mut self) -> Option<Result<Bytes, StreamError>> {
        self.next().await
    }

    /// Reads the rest of the body into one buffer.
    ///
    /// # Errors
    /// The first chunk that cannot be read.
    pub async fn collect(self) -> Result<Binary, StreamError> {
        self.collect_limited(u64::MAX).await
    }

    /// Reads the rest of the body into one buffer, at most `limit` bytes.
    ///
    /// # Errors
    /// [`StreamError::TooLarge`] past `limit`; the first chunk that cannot be read.
    pub async fn collect_limited(mut self, limit: u64) -> Result<Binary, StreamError> {
        if let Some(bytes) = self.buffered_bytes() {
            if bytes.len() as u64 > limit {
                return Err(StreamError::TooLarge { limit });
            }
            *self.lock() = Source::Buffered(None);
            return Ok(Binary::from(bytes));
        }
        let mut buf = BytesMut::new();
        while let Some(chunk) = self.next_chunk().await {
            let chunk = chunk?;
            if (buf.len() + chunk.len()) as u64 > limit {
                return Err(StreamError::TooLarge { limit });
            }
            buf.extend_from_slice(&chunk);
        }
        Ok(Binary::from(buf.freeze()))
    }

    /// The same body, ending with [`StreamError::TooLarge`] once more than `limit` bytes came.
    pub fn limited(self, limit: u64) -> Self {
        if self.buffered_bytes().is_some() {
            return self;
        }
        let mut seen = 0u64;
        let mut over = false;
        let chunks = self.map(move |chunk| {
            let chunk = chunk?;
            seen = seen.saturating_add(chunk.len() as u64);
            if over || seen > limit {
                over = true;
                return Err(StreamError::TooLarge { limit });
            }
            Ok(chunk)
        });
        Self::new(Source::Stream(chunks.boxed()))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Source> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn read_error(e: Box<dyn StdError + Send + Sync>) -> StreamError {
    match e.downcast::<StreamError>() {
        Ok(e) => *e,
        Err(e) => StreamError::Read(e.to_string()),
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match &mut *self.lock() {
            Source::Buffered(bytes) => {
                Poll::Ready(bytes.take().filter(|b| !b.is_empty()).map(Ok))
            }
            Source::Stream(s) => s.as_mut().poll_next(cx),
        }
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.lock() {
            Source::Buffered(bytes) => {
                let len = bytes.as_ref().map_or(0, Bytes::len);
                write!(f, "ByteStream({len} bytes)")
            }
            Source::Stream(_) => f.write_str("ByteStream(..)"),
        }
    }
}

impl PartialEq for ByteStream {
    fn eq(&self, other: &Self) -> bool {
        if Arc::ptr_eq(&self.0, &other.0) {
            return true;
        }
        matches!((self.buffered_bytes(), other.buffered_bytes()), (Some(a), Some(b)) if a == b)
    }
}

impl Default for ByteStream {
    /// An empty body.
    fn default() -> Self {
        Self::new(Source::Buffered(None))
    }
}

impl<T: Into<Binary>> From<T> for ByteStream {
    fn from(bytes: T) -> Self {
        Self::new(Source::Buffered(Some(bytes.into().into_bytes())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn buffered_and_streamed() {
        let b = ByteStream::from("abc");
        assert_eq!(b.buffered_bytes().as_deref(), Some(&b"abc"[..]));
        assert_eq!(b, ByteStream::from(b"abc".to_vec()));
        assert_eq!(&*b.collect().await.unwrap(), b"abc");

        let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>("ab"), Ok("c")]);
        let mut s = ByteStream::from_stream(chunks);
        assert!(s.buffered_bytes().is_none());
        assert_eq!(s.next_chunk().await.unwrap().unwrap(), "ab");
        assert_eq!(&*s.clone().collect().await.unwrap(), b"c");
        assert!(s.next_chunk().await.is_none());
    }

    #[tokio::test]
    async fn limits_and_errors() {
        let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>("abc"), Ok("def")]);
        let s = ByteStream::from_stream(chunks).limited(4);
        assert!(matches!(
            s.collect().await,
            Err(StreamError::TooLarge { limit: 4 })
        ));
        let bad = futures_util::stream::iter([Err::<&str, _>(std::io::Error::other("cut"))]);
        let e = ByteStream::from_stream(bad).collect().await.unwrap_err();
        assert!(e.to_string().contains("cut"), "{e}");
        assert!(ByteStream::from("toolong").collect_limited(3).await.is_err());
    }
}
